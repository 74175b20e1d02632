import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { RED_FLAGS } from './flags';
import { ALL_ROLES } from '../auth/roles';
import { Roles } from '../auth/roles.decorator';
import { RED_FLAGS_RESPONSE } from '../common/openapi-responses';

/** GET /v1/risk/red-flags: the red-flag catalogue (code, default severity and weight), e.g. to tell red flags apart from other reasons. */
@ApiTags('risk')
@Controller('v1/risk')
export class RedFlagsController {
  @Get('red-flags')
  @ApiOkResponse({ schema: RED_FLAGS_RESPONSE })
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'The diversion red flags the risk score is built from: code, default severity, weight and scope' })
  list() {
    const byCode = new Map<string, { code: string; severity: string; weight: number; scope: string; detectors: string[] }>();
    for (const f of RED_FLAGS) {
      const row = byCode.get(f.id);
      if (row) row.detectors.push(f.name);
      else byCode.set(f.id, { code: f.id, severity: f.severity, weight: f.weight, scope: f.scope, detectors: [f.name] });
    }
    return { redFlags: [...byCode.values()] };
  }
}
