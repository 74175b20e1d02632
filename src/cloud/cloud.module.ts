import { Module } from '@nestjs/common';
import { DecisionModule } from '../decision/decision.module';
import { RulesModule } from '../rules/rules.module';
import { ScreeningModule } from '../screening/screening.module';
import { CloudController } from './cloud.controller';
import { CloudService } from './cloud.service';

/** IaaS customer vetting on the decision kernel (src/decision) and its recorder, beside transactions. */
@Module({
  imports: [RulesModule, ScreeningModule, DecisionModule],
  controllers: [CloudController],
  providers: [CloudService],
  exports: [CloudService],
})
export class CloudModule {}
