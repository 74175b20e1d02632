import { Body, Controller, HttpCode, Post, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListsService } from '../lists/lists.service';
import { ScreenBatchDto, ScreenPartyDto } from './screening.dto';
import { ScreeningService } from './screening.service';
import { Roles } from '../auth/roles.decorator';
import { PARTY_BATCH_RESPONSE, PARTY_SCREEN_RESPONSE } from '../common/openapi-responses';

@ApiTags('screening')
@Controller('v1/parties/screen')
export class ScreeningController {
  constructor(
    private readonly screening: ScreeningService,
    private readonly lists: ListsService,
  ) {}

  @Post()
  @Roles('screener')
  @HttpCode(200)
  @ApiOkResponse({ schema: PARTY_SCREEN_RESPONSE })
  @ApiOperation({ summary: 'Screen one party against the restricted-party lists' })
  screen(@Body() body: ScreenPartyDto) {
    this.requireLists();
    return { ...this.one(body), listVersions: this.lists.active.versionDates() };
  }

  @Post('batch')
  @Roles('screener')
  @HttpCode(200)
  @ApiOkResponse({ schema: PARTY_BATCH_RESPONSE })
  @ApiOperation({ summary: 'Screen up to 1000 parties; results in request order' })
  batch(@Body() body: ScreenBatchDto) {
    this.requireLists();
    return { results: body.parties.map((p) => this.one(p)), listVersions: this.lists.active.versionDates() };
  }

  private one(p: ScreenPartyDto) {
    const result = this.screening.screen(
      {
        name: p.name,
        type: p.type,
        country: p.country,
        address: p.address,
        dateOfBirth: p.dateOfBirth,
        nationality: p.nationality,
        identifiers: p.identifiers,
      },
      { sources: p.sources, limit: p.limit },
    );
    return { ...result, ...(this.lists.active.hasSample() ? { sampleOnly: true } : {}) };
  }

  private requireLists(): void {
    if (this.lists.active.isEmpty()) {
      throw new ServiceUnavailableException('no restricted-party list is loaded yet; import one (POST /v1/lists/import) or run `chipguard lists update`');
    }
  }
}
