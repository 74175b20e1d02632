import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness, database and loaded lists; 503 while no restricted-party list is loaded' })
  async health(@Res() res: Response): Promise<void> {
    let db = 'ok';
    try {
      await this.db.query('SELECT 1');
    } catch {
      db = 'error';
    }
    const lists = {};
    const ready = false; // replaced when the lists module lands
    const ok = db === 'ok' && ready;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'unavailable', lists, db });
  }
}
