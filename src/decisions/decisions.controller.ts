import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionsService } from './decisions.service';

@ApiTags('decisions')
@Controller('v1/decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A stored decision with its full request, versions and dispositions' })
  get(@Param('id') id: string) {
    return this.decisions.get(id);
  }
}
