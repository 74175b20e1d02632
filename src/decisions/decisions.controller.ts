import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DecisionsService } from './decisions.service';
import { DecisionQueryDto, DispositionDto, RescreenRequestDto } from './decisions.dto';
import { RescreenService } from './rescreen.service';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { Principal } from '../auth/roles';
import { DECISION_PAGE_RESPONSE, DISPOSITION_RESPONSE, EXPORT_RESPONSE, RESCREEN_REPORT_RESPONSE, STORED_DECISION_RESPONSE } from '../common/openapi-responses';
import { STATS_RESPONSE } from '../common/openapi-responses';

/**
 * Decisions, review queue, audit (API.md). Route order matters: the fixed paths (export, rescreen) are
 * declared before `:id`.
 */
@ApiTags('decisions')
@Controller('v1/decisions')
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly rescreen: RescreenService,
  ) {}

  @Get()
  @Roles('reviewer', 'auditor')
  @ApiOkResponse({ schema: DECISION_PAGE_RESPONSE })
  @ApiOperation({ summary: 'The review queue / decision log: filtered, newest first, cursor-paged' })
  // the filters are DecisionQueryDto's fields; parseListQuery reads them and refuses unknown ones with a 400
  @ApiQuery({ type: DecisionQueryDto, required: false })
  list(@Query() query: Record<string, unknown>) {
    return this.decisions.list(query);
  }

  @Get('stats')
  @ApiOkResponse({ schema: STATS_RESPONSE })
  @Roles('reviewer', 'auditor')
  @ApiOperation({ summary: 'Overview: decisions per day by outcome, the top reason codes over the period, and the review queue per status' })
  @ApiQuery({ name: 'from', required: false, description: 'stored on or after YYYY-MM-DD (default: 29 days before to)' })
  @ApiQuery({ name: 'to', required: false, description: 'stored on or before YYYY-MM-DD (default: today)' })
  stats(@Query() query: Record<string, unknown>) {
    return this.decisions.stats(query);
  }

  @Get('export')
  @Roles('auditor')
  @ApiOkResponse({ content: EXPORT_RESPONSE })
  @ApiOperation({ summary: 'Audit export, streamed: decisions with reasons, versions, dispositions and chain hashes' })
  @ApiQuery({ name: 'format', required: false, description: 'csv | json (default json)' })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  async export(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { filter, format } = this.decisions.exportFilter(query);
    const stamp = new Date().toISOString().slice(0, 10);
    res.status(200);
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="chipguard-decisions-${stamp}.${format}"`);
    try {
      await this.decisions.exportTo(res, filter, format);
      res.end();
    } catch (e) {
      // headers are gone: all we can do is cut the stream so the client sees an incomplete file
      res.destroy(e as Error);
    }
  }

  @Post('rescreen')
  @Roles('reviewer', 'list_admin')
  @HttpCode(200)
  @ApiOkResponse({ schema: RESCREEN_REPORT_RESPONSE })
  @ApiOperation({ summary: 'Re-screen stored decisions against the active lists now; returns those whose outcome would be stricter' })
  runRescreen(@Body() body: RescreenRequestDto) {
    return this.rescreen.run({ trigger: 'manual', from: body?.from, to: body?.to, includePossible: body?.includePossible });
  }

  @Get('rescreen/latest')
  @Roles('reviewer', 'list_admin', 'auditor')
  @ApiOkResponse({ schema: RESCREEN_REPORT_RESPONSE })
  @ApiOperation({ summary: 'The latest re-screen report (after a list update or a manual re-screen)' })
  async latestRescreen() {
    const report = await this.rescreen.latest();
    const running = this.rescreen.running;
    if (!report) throw new NotFoundException(running ? 'no re-screen has finished yet; one is running' : 'no re-screen has run yet');
    return running ? { ...report, running } : report;
  }

  @Get(':id')
  @Roles('reviewer', 'auditor')
  @ApiOkResponse({ schema: STORED_DECISION_RESPONSE })
  @ApiOperation({ summary: 'A stored decision with its full request, versions and dispositions' })
  get(@Param('id') id: string) {
    return this.decisions.get(id);
  }

  @Post(':id/disposition')
  @Roles('reviewer')
  @HttpCode(200)
  @ApiOkResponse({ schema: DISPOSITION_RESPONSE })
  @ApiOperation({ summary: 'Release or block a decision held for review; appended to its history (409 when not review or already disposed otherwise)' })
  dispose(@Param('id') id: string, @Body() body: DispositionDto, @CurrentPrincipal() principal: Principal) {
    return this.decisions.dispose(id, body, principal);
  }
}
