import { BadRequestException, Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { today } from './rulebook';
import { RulesService } from './rules.service';
import { ALL_ROLES } from '../auth/roles';
import { Roles } from '../auth/roles.decorator';
import { THRESHOLDS_RESPONSE } from '../common/openapi-responses';

/**
 * GET /v1/rules/thresholds: the 3A090 parameters (TPP and performance-density branches) of one rule set, from
 * the dated rule data, for the decision page's chart (which draws them from here, never from copied constants).
 */
@ApiTags('rules')
@Controller('v1/rules')
export class ThresholdsController {
  constructor(private readonly rules: RulesService) {}

  @Get('thresholds')
  @ApiOkResponse({ schema: THRESHOLDS_RESPONSE })
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'The 3A090 TPP / performance-density branches of a rule set (by rulesVersion id, or the one in force on a date; default today)' })
  @ApiQuery({ name: 'version', required: false, description: 'a rulesVersion id as decisions carry it' })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD: the rule set in force that day' })
  thresholds(@Query('version') version?: string, @Query('date') date?: string) {
    const book = this.rules.book;
    if (date !== undefined && (typeof date !== 'string' || !isIsoDate(date))) throw new BadRequestException(['date must be a date YYYY-MM-DD']);
    let set = book.ruleSetFor(date ?? today());
    if (version !== undefined && version !== '') {
      const found = book.ruleSets.find((r) => r.id === version);
      if (!found) throw new NotFoundException(`no rule set ${String(version)} (known: ${book.ruleSets.map((r) => r.id).join(', ')})`);
      set = found;
    }
    const p = set.parameters.eccn3A090;
    return {
      rulesVersion: set.id,
      effectiveFrom: set.effectiveFrom,
      effectiveTo: set.effectiveTo,
      branches: p.branches,
      note2NonDatacenterTppMin: p.note2NonDatacenterTppMin,
      citation: p.citation,
    };
  }
}

function isIsoDate(v: string): boolean {
  const d = new Date(v + 'T00:00:00Z');
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
