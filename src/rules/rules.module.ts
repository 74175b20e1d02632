import { Module } from '@nestjs/common';
import { RulesController } from './rules.controller';
import { RulesService } from './rules.service';
import { ThresholdsController } from './thresholds.controller';

/**
 * EAR advanced-computing rules: catalog, classification, licence determination.
 * Exports RulesService (its `book` is the plain RuleBook) for the transaction and cloud modules.
 */
@Module({
  controllers: [RulesController, ThresholdsController],
  providers: [RulesService],
  exports: [RulesService],
})
export class RulesModule {}
