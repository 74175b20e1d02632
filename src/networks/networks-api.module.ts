import { Module } from '@nestjs/common';
import { DecisionModule } from '../decision/decision.module';
import { RulesModule } from '../rules/rules.module';
import { ScreeningModule } from '../screening/screening.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { NetworksController } from './networks.controller';
import { NetworksModule } from './networks.module';

/** HTTP endpoints of the networks domain: GET /v1/networks, POST /v1/cloud/accounts/screen. */
@Module({
  imports: [NetworksModule, DecisionModule, RulesModule, ScreeningModule],
  controllers: [NetworksController, AccountsController],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class NetworksApiModule {}
