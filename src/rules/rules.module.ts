import { Module } from '@nestjs/common';
import { RulesController } from './rules.controller';
import { RULE_BOOK, RulesService } from './rules.service';
import { ThresholdsController } from './thresholds.controller';

/**
 * EAR advanced-computing rules: catalog, classification, licence determination.
 * Exports RulesService and RULE_BOOK (the plain RuleBook) for the transaction and cloud modules.
 */
@Module({
  controllers: [RulesController, ThresholdsController],
  providers: [RulesService, { provide: RULE_BOOK, useFactory: (rules: RulesService) => rules.book, inject: [RulesService] }],
  exports: [RulesService, RULE_BOOK],
})
export class RulesModule {}
