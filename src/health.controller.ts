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
  @ApiOperation({
    summary:
      'Liveness, database and loaded lists; 503 while no restricted-party list is loaded; degraded (200) on the sample only or after a failed list refresh',
  })
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
    const sampleOnly = active.hasSample();
    const refresh = this.lists.refresh?.state;
    const refreshFailed = !!refresh?.lastError;
    const message = !ready
      ? 'no restricted-party list is loaded yet: decisions are refused (503)'
      : sampleOnly
        ? 'only the bundled SAMPLE lists are loaded (a few made-up and real records, not the official lists): every decision is held for review (LISTS_SAMPLE_ONLY); load the real lists with `npx chipguard lists update` or `lists import`'
        : refreshFailed
          ? `the last list refresh failed at ${refresh!.lastErrorAt}: ${refresh!.lastError}; the active versions stay, retried at ${refresh!.nextAt ?? 'the next start'}`
          : undefined;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: !ok ? 'unavailable' : sampleOnly || refreshFailed ? 'degraded' : 'ok',
      lists: active.counts(),
      sampleOnly,
      stale: active.staleCodes(this.config.listMaxAgeDays, new Date()).map((s) => s.code),
      db,
      refresh: refresh ? { ...refresh } : { off: true },
      ...(message ? { message } : {}),
    });
  }
}
