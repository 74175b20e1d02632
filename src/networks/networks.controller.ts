import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { NetworksService } from './networks.service';
import { Roles } from '../auth/roles.decorator';
import { NETWORK_RESPONSE } from '../common/openapi-responses';

/** API.md "Networks": the parties linked to a party, with the shared (masked) identifiers. Role: auditor / reviewer. */
@ApiTags('networks')
@Controller('v1/networks')
export class NetworksController {
  constructor(private readonly networks: NetworksService) {}

  @Get()
  @ApiOkResponse({ schema: NETWORK_RESPONSE })
  @Roles('reviewer', 'auditor')
  @ApiOperation({ summary: 'The network of the party with this name: members, links (masked shared values), score and reasons' })
  @ApiQuery({ name: 'party', required: true })
  async byParty(@Query('party') party?: string) {
    if (typeof party !== 'string' || !party.trim() || party.length > 512) throw new BadRequestException(['party must be a name of 1 to 512 characters']);
    const node = (await this.networks.findByName(party))[0];
    const view = node && (await this.networks.view(node.id));
    if (!view) throw new NotFoundException(`no stored party named '${party}' in the link graph`);
    return view;
  }

  @Get(':id')
  @ApiOkResponse({ schema: NETWORK_RESPONSE })
  @Roles('reviewer', 'auditor')
  @ApiOperation({ summary: 'One network by id (net_<node id>, as returned by ?party=)' })
  async byId(@Param('id') id: string) {
    const nodeId = id.startsWith('net_') ? id.slice(4) : id;
    const view = /^n[0-9a-f]{24}$/.test(nodeId) ? await this.networks.view(nodeId) : undefined;
    if (!view) throw new NotFoundException(`no network ${id}`);
    return view;
  }
}
