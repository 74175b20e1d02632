import { Module } from '@nestjs/common';
import { ListsModule } from '../lists/lists.module';
import { NetworksModule } from '../networks/networks.module';
import { DecisionRecorder } from './decision-recorder.service';

/** The decision kernel's Nest shell: DecisionRecorder, which transactions and cloud vetting share. */
@Module({
  imports: [ListsModule, NetworksModule],
  providers: [DecisionRecorder],
  exports: [DecisionRecorder],
})
export class DecisionModule {}
