import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AppConfig } from './config/config';
import { APP_CONFIG } from './config/config.module';
import { ListsService } from './lists/lists.service';
import { Public } from './auth/roles.decorator';
import { HEALTH_RESPONSE } from './common/openapi-responses';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly lists: ListsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('health')
  @Public()
  @ApiOkResponse({ schema: HEALTH_RESPONSE })
  @ApiOperation({ summary: 'Liveness, database and loaded lists; 503 while no restricted-party list is loaded' })
  async health(@Res() res: Response): Promise<void> {
    let db = 'ok';
    try {
      await this.db.query('SELECT 1');
    } catch {
      db = 'error';
    }
    const active = this.lists.active;
    const ready = !active.isEmpty();
    const ok = db === 'ok' && ready;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: ok ? 'ok' : 'unavailable',
      lists: active.counts(),
      sampleOnly: active.hasSample(),
      stale: active.staleCodes(this.config.listMaxAgeDays, new Date()).map((s) => s.code),
      db,
      ...(ready ? {} : { message: 'no restricted-party list is loaded yet: decisions are refused (503)' }),
    });
  }
}
