import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DatabaseModule } from '../database/database.module';
import { ListsModule } from '../lists/lists.module';
import { MetricsController, RequestTimer } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** GET /metrics (Prometheus) and the request timer. */
@Module({
  imports: [DatabaseModule, ListsModule],
  providers: [MetricsService, { provide: APP_INTERCEPTOR, useClass: RequestTimer }],
  controllers: [MetricsController],
  exports: [MetricsService],
})
export class MetricsModule {}
