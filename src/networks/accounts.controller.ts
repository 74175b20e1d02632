import { BadRequestException, Controller, HttpCode, Post, Query, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiQuery, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { AccountsService } from './accounts.service';
import { formatOf } from './account-stream';
import { Roles } from '../auth/roles.decorator';
import { ACCOUNTS_RESPONSE } from '../common/openapi-responses';

/** API.md `POST /v1/cloud/accounts/screen`. The body is read as a stream (src/common/http.ts skips the body parsers here). Role: screener. */
@ApiTags('cloud')
@Controller('v1/cloud/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('screen')
  @ApiOkResponse({ schema: ACCOUNTS_RESPONSE })
  @Roles('screener')
  @HttpCode(200)
  @ApiConsumes('application/json', 'application/x-ndjson', 'text/csv')
  @ApiQuery({ name: 'minSize', required: false, description: 'smallest cluster returned (default 2)' })
  @ApiOperation({
    summary:
      'Accounts in bulk (JSON {"accounts": [...]}, NDJSON or CSV, streamed): clusters sharing strong identifiers or a tight pattern, scored with reasons; members screened',
  })
  async screen(@Req() req: Request, @Query('minSize') minSize?: string) {
    const format = formatOf(req.headers['content-type']);
    if (!format) throw new UnsupportedMediaTypeException('send application/json ({"accounts": [...]}), application/x-ndjson or text/csv');
    if (minSize !== undefined && !/^\d{1,6}$/.test(minSize)) throw new BadRequestException(['minSize must be a whole number']);
    return this.accounts.screen(req, format, { minSize: minSize ? Math.max(1, Number(minSize)) : undefined });
  }
}
