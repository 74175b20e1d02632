import { Global, Module } from '@nestjs/common';
import { DecisionStore } from './decision-store';

/** The decision store at the bottom of the layers: transactions and cloud write, decisions read. */
@Global()
@Module({
  providers: [DecisionStore],
  exports: [DecisionStore],
})
export class DatabaseModule {}
