import { Module } from '@nestjs/common';
import { DecisionModule } from '../decision/decision.module';
import { MetricsModule } from '../metrics/metrics.module';
import { RulesModule } from '../rules/rules.module';
import { RedFlagsController } from '../risk/red-flags.controller';
import { ScreeningModule } from '../screening/screening.module';
import { TransactionsController } from './transactions.controller';
import { TransactionsService } from './transactions.service';

@Module({
  imports: [RulesModule, ScreeningModule, DecisionModule, MetricsModule],
  // the red-flag catalogue the transaction risk score is built from (GET /v1/risk/red-flags)
  controllers: [TransactionsController, RedFlagsController],
  providers: [TransactionsService],
  exports: [TransactionsService],
})
export class TransactionsModule {}
