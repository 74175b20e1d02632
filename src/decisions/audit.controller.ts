import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { DecisionsService } from './decisions.service';
import { CHAIN_REPORT_RESPONSE } from '../common/openapi-responses';

/** The auditor's tamper check over HTTP (the same report as `chipguard verify --json`). */
@ApiTags('decisions')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get('verify')
  @ApiOkResponse({ schema: CHAIN_REPORT_RESPONSE })
  @Roles('auditor')
  @ApiOperation({ summary: 'Check the hash chain, the rows it records and the stored head; expectHead: a head kept elsewhere' })
  @ApiQuery({ name: 'expectHead', required: false, description: 'a head hash printed by an earlier verify' })
  verify(@Query('expectHead') expectHead?: string) {
    if (expectHead !== undefined && !/^[0-9a-f]{64}$/.test(expectHead)) throw new BadRequestException(['expectHead must be a 64-hex-digit hash']);
    return this.decisions.verifyChain({ expectHead });
  }
}
