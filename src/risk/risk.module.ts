import { Module } from '@nestjs/common';
import { RedFlagsController } from './red-flags.controller';

@Module({ controllers: [RedFlagsController] })
export class RiskModule {}
