import { Module } from '@nestjs/common';
import { ListsModule } from '../lists/lists.module';
import { NetworksModule } from '../networks/networks.module';
import { MetricsModule } from '../metrics/metrics.module';
import { RulesModule } from '../rules/rules.module';
import { ScreeningModule } from '../screening/screening.module';
import { TransactionsController } from './transactions.controller';
import { TransactionsService } from './transactions.service';

@Module({
  imports: [RulesModule, ListsModule, ScreeningModule, NetworksModule, MetricsModule],
  controllers: [TransactionsController],
  providers: [TransactionsService],
  exports: [TransactionsService],
})
export class TransactionsModule {}
