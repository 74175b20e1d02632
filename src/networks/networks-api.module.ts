import { Module } from '@nestjs/common';
import { NetworksController } from './networks.controller';
import { NetworksModule } from './networks.module';

/** HTTP endpoints of the networks domain. */
@Module({
  imports: [NetworksModule],
  controllers: [NetworksController],
})
export class NetworksApiModule {}
