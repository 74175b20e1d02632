import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toItem } from '../common/item.dto';
import { AcceleratorQueryDto, ClassifyRequestDto, ClassifyResponseDto } from './rules.dto';
import { RulesService } from './rules.service';
import type { CatalogView } from './types';
import { Roles } from '../auth/roles.decorator';
import { ALL_ROLES } from '../auth/roles';
import { ACCELERATOR, ACCELERATORS_RESPONSE } from '../common/openapi-responses';

@ApiTags('rules')
@Controller('v1')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Post('items/classify')
  @Roles('screener')
  @HttpCode(200)
  @ApiOperation({ summary: 'Classify items (3A090/4A090/.z) and determine the licence for a destination on a date' })
  @ApiOkResponse({ type: ClassifyResponseDto })
  classify(@Body() body: ClassifyRequestDto): ClassifyResponseDto {
    const { date, destination, items, rulesVersion } = this.rules.classify({ ...body, items: body.items.map(toItem) });
    return { items, rulesVersion, date, destination } as ClassifyResponseDto;
  }

  @Get('accelerators')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ schema: ACCELERATORS_RESPONSE })
  @ApiOperation({ summary: 'The accelerator catalog, with TPP, PD, classification and sources' })
  list(@Query() query: AcceleratorQueryDto): { items: CatalogView[]; count: number; rulesVersion: string } {
    const book = this.rules.book;
    const date = query.date;
    const items = book.listAccelerators(query.q, date);
    return { items, count: items.length, rulesVersion: book.ruleSetFor(date ?? new Date().toISOString().slice(0, 10)).id };
  }

  @Get('accelerators/:id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ schema: ACCELERATOR })
  @ApiOperation({ summary: 'One catalog entry' })
  @ApiNotFoundResponse({ description: 'unknown id' })
  get(@Param('id') id: string, @Query() query: AcceleratorQueryDto): CatalogView {
    const view = this.rules.book.acceleratorView(id, query.date);
    if (!view) throw new NotFoundException(`accelerator '${id}' is not in the catalog`);
    return view;
  }
}
