import { Module } from '@nestjs/common';
import { ListsModule } from '../lists/lists.module';
import { ScreeningModule } from '../screening/screening.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { NetworksModule } from '../networks/networks.module';
import { AllowListController } from './allowlist.controller';
import { AuditController } from './audit.controller';
import { BatchController } from './batch.controller';
import { BatchService } from './batch.service';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { RescreenService } from './rescreen.service';

/** Review queue, dispositions, re-screening, batch audits, export and chain verification (above the decision core). */
@Module({
  imports: [ListsModule, ScreeningModule, TransactionsModule, NetworksModule],
  controllers: [AllowListController, AuditController, DecisionsController, BatchController],
  providers: [DecisionsService, RescreenService, BatchService],
  exports: [DecisionsService, RescreenService, BatchService],
})
export class DecisionsModule {}
