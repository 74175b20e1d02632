import { Module } from '@nestjs/common';
import { NetworksService } from './networks.service';

/** The link graph (fed by every stored decision); its HTTP endpoints live in NetworksApiModule. */
@Module({
  providers: [NetworksService],
  exports: [NetworksService],
})
export class NetworksModule {}
