import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BadRequestException } from '@nestjs/common';
import { BatchService } from './batch.service';
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
  @HttpCode(200)
  @ApiOkResponse({ schema: BATCH_RESPONSE })
  @ApiOperation({ summary: 'Batch audit: a CSV of order lines (README "Batch audits") or {"transactions": [...]}; one result per row, errors per row' })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({ schema: { oneOf: [{ type: 'string', description: 'CSV, one order line per row' }, { type: 'object', properties: { transactions: { type: 'array', items: { type: 'object' } } } }] } })
  run(@Body() body: unknown, @Headers('content-type') contentType?: string) {
    if (typeof body === 'string') return this.batch.csv(body);
    if (contentType && /^(text|application)\/csv/i.test(contentType)) throw new BadRequestException(['the CSV body is empty']);
    return this.batch.json(body);
  }
}
