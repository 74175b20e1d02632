import { Module } from '@nestjs/common';
import { DecisionModule } from '../decision/decision.module';
import { MetricsModule } from '../metrics/metrics.module';
import { RulesModule } from '../rules/rules.module';
import { ScreeningModule } from '../screening/screening.module';
import { TransactionsController } from './transactions.controller';
import { TransactionsService } from './transactions.service';

@Module({
  imports: [RulesModule, ScreeningModule, DecisionModule, MetricsModule],
  controllers: [TransactionsController],
  providers: [TransactionsService],
  exports: [TransactionsService],
})
export class TransactionsModule {}
