import { BadRequestException, Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseBatchReportBody } from './batch-report';
import { auditReportCsv, BatchService, BatchSink } from './batch.service';
import { Roles } from '../auth/roles.decorator';
import { BATCH_RESPONSE } from '../common/openapi-responses';

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
  @ApiOperation({
    summary: 'Batch audit: a CSV of order lines (README "Batch audits") or {"transactions": [...]}; one result per row, errors per row; the report is streamed',
  })
  @ApiOkResponse({ schema: BATCH_RESPONSE })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'string', description: 'CSV, one order line per row' },
        { type: 'object', properties: { transactions: { type: 'array', items: { type: 'object' } } } },
      ],
    },
  })
  async run(@Body() body: unknown, @Res() res: Response, @Headers('content-type') contentType?: string): Promise<void> {
    const sink = new JsonResponseSink(res);
    try {
      if (typeof body === 'string') return await this.batch.csvTo(body, sink);
      if (contentType && /^(text|application)\/csv/i.test(contentType)) throw new BadRequestException(['the CSV body is empty']);
      return await this.batch.jsonTo(body, sink);
    } catch (e) {
      if (!sink.started) throw e; // a 400 / 503 before the first result: the usual error response
      res.destroy(e as Error); // mid-stream: cut the response, so a client never takes a partial report for a whole one
    }
  }

  @Post('batch/report')
  @Roles('screener')
  @HttpCode(200)
  @ApiOperation({ summary: 'The spreadsheet-safe CSV report (as `chipguard audit --out`) of a batch answer sent back as JSON; decides nothing' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ content: { 'text/csv': { schema: { type: 'string', description: "UTF-8 with BOM; cells starting with = + - @ are prefixed with '" } } } })
  @ApiBody({ schema: { type: 'object', properties: { results: { type: 'array', items: { type: 'object' } } } } })
  report(@Body() body: unknown, @Res() res: Response): void {
    const { report, errors } = parseBatchReportBody(body);
    if (!report) throw new BadRequestException(errors);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="chipguard-audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    res.send(auditReportCsv(report));
  }
}

/** The report as one JSON document ({results, summary, warnings}), written result by result with back-pressure. */
class JsonResponseSink implements BatchSink {
  started = false;
  private first = true;

  constructor(private readonly res: Response) {}

  begin(): void {
    this.started = true;
    this.res.status(200).type('application/json');
    this.res.write('{"results":[');
  }

  /** Written at once (so the order holds); the caller then waits while the socket's buffer is full. */
  async result(r: object): Promise<void> {
    const ok = this.res.write((this.first ? '' : ',') + JSON.stringify(r));
    this.first = false;
    if (!ok && !this.res.destroyed) this.waiting ??= this.drained();
    if (this.waiting) await this.waiting;
  }

  private waiting: Promise<void> | undefined;

  /** One wait for 'drain' (or the client going away) shared by every writer. */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        this.waiting = undefined;
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  end(summary: object, warnings: string[]): void {
    this.res.end(`],"summary":${JSON.stringify(summary)},"warnings":${JSON.stringify(warnings)}}`);
  }
}
