import { Module } from '@nestjs/common';
import { TransactionsModule } from '../transactions/transactions.module';
import { CloudController } from './cloud.controller';
import { CloudService } from './cloud.service';

/** IaaS customer vetting on the transactions' decision core and store. */
@Module({
  imports: [TransactionsModule],
  controllers: [CloudController],
  providers: [CloudService],
  exports: [CloudService],
})
export class CloudModule {}
