import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { BadRequestException } from '@nestjs/common';
import type { Response } from 'express';
import { parseBatchReportBody } from './batch-report';
import { auditReportCsv, BatchService } from './batch.service';
import { Roles } from '../auth/roles.decorator';

/**
 * POST /v1/transactions/batch — lives in the decisions module (audits sit above the decision core in the
 * layers; TransactionsModule must not depend on DecisionsModule), under the transactions path of API.md.
 */
@ApiTags('transactions')
@Controller('v1/transactions')
export class BatchController {
  constructor(private readonly batch: BatchService) {}

  @Post('batch')
  @Roles('screener')
  @HttpCode(200)
  @ApiOperation({ summary: 'Batch audit: a CSV of order lines (README "Batch audits") or {"transactions": [...]}; one result per row, errors per row' })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({ schema: { oneOf: [{ type: 'string', description: 'CSV, one order line per row' }, { type: 'object', properties: { transactions: { type: 'array', items: { type: 'object' } } } }] } })
  run(@Body() body: unknown, @Headers('content-type') contentType?: string) {
    if (typeof body === 'string') return this.batch.csv(body);
    if (contentType && /^(text|application)\/csv/i.test(contentType)) throw new BadRequestException(['the CSV body is empty']);
    return this.batch.json(body);
  }

  @Post('batch/report')
  @Roles('screener')
  @HttpCode(200)
  @ApiOperation({ summary: 'The spreadsheet-safe CSV report (as `chipguard audit --out`) of a batch answer sent back as JSON; decides nothing' })
  @ApiProduces('text/csv')
  @ApiBody({ schema: { type: 'object', properties: { results: { type: 'array', items: { type: 'object' } } } } })
  report(@Body() body: unknown, @Res() res: Response): void {
    const { report, errors } = parseBatchReportBody(body);
    if (!report) throw new BadRequestException(errors);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="chipguard-audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    res.send(auditReportCsv(report));
  }
}
