import { Module } from '@nestjs/common';
import { TransactionsModule } from '../transactions/transactions.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { NetworksController } from './networks.controller';
import { NetworksModule } from './networks.module';

/** HTTP endpoints of the networks domain: GET /v1/networks, POST /v1/cloud/accounts/screen. */
@Module({
  imports: [NetworksModule, TransactionsModule],
  controllers: [NetworksController, AccountsController],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class NetworksApiModule {}
