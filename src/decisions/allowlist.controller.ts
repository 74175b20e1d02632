import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiQuery, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Principal } from '../auth/roles';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { AllowListRow } from '../database/entities';
import { ScreeningService } from '../screening/screening.service';
import { ALLOWLIST_ENTRY, ALLOWLIST_RESPONSE } from '../common/openapi-responses';

export class RevokeAllowDto {
  @ApiPropertyOptional({ example: 'the registry now shows common owners' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}

function view(r: AllowListRow, now: string) {
  return {
    id: r.id,
    partyKey: r.partyKey,
    source: r.source,
    entryId: r.entryId,
    by: r.by,
    note: r.note,
    decisionId: r.decisionId,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    revokedAt: r.revokedAt,
    revokedBy: r.revokedBy,
    revokeReason: r.revokeReason,
    inForce: !r.revokedAt && (r.expiresAt ?? '') > now,
  };
}

/** The allow-list of reviewed false positives (recorded by a release with falsePositives): list and revoke. */
@ApiTags('decisions')
@Controller('v1/allowlist')
export class AllowListController {
  constructor(private readonly screening: ScreeningService) {}

  @Get()
  @ApiOkResponse({ schema: ALLOWLIST_RESPONSE })
  @Roles('reviewer', 'auditor')
  @ApiOperation({ summary: 'Allow-list entries in force (who, why, when, until when); all=true adds expired and revoked ones' })
  @ApiQuery({ name: 'all', required: false, description: 'true: also expired and revoked entries' })
  async list(@Query('all') all?: string) {
    const now = new Date().toISOString();
    const rows = await this.screening.allowList(all === 'true' || all === '1');
    return { items: rows.map((r) => view(r, now)) };
  }

  @Delete(':id')
  @ApiOkResponse({ schema: ALLOWLIST_ENTRY })
  @Roles('reviewer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an allow-list entry: the match shows again from the next screening (chained)' })
  async revoke(@Param('id', ParseIntPipe) id: number, @Body() body: RevokeAllowDto, @CurrentPrincipal() principal: Principal) {
    const row = await this.screening.revokeAllowed(id, principal.name, body?.reason ?? null);
    if (!row) throw new NotFoundException(`no allow-list entry ${id} in force`);
    return view(row, new Date().toISOString());
  }
}
