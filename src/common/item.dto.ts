/**
 * The Item shape of API.md as a validated DTO (class-validator + Swagger), shared
 * by POST /v1/items/classify and the transaction endpoints. Bad input is a 400
 * naming the field (negative or absurd rates, die area 0, unknown precision …).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ITEM_KINDS, Item, ItemKind } from './order';
import { NestedObject } from './validators';

/** Upper bound for any rate or bandwidth: far above any real part, low enough to catch unit mistakes. */
export const MAX_RATE = 1e7;
const finite = { allowNaN: false, allowInfinity: false } as const;

/** Dense (non-sparse) peak rates per precision, TOPS / TFLOPS. Unknown keys (e.g. fp8_sparse) are rejected. */
export class DenseTopsDto {
  @ApiPropertyOptional({ example: 66.9 }) @IsOptional() @IsNumber(finite) @Min(0) @Max(MAX_RATE) fp64?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(finite) @Min(0) @Max(MAX_RATE) fp32?: number;
  @ApiPropertyOptional({ example: 494.7 }) @IsOptional() @IsNumber(finite) @Min(0) @Max(MAX_RATE) tf32?: number;
  @ApiPropertyOptional({ example: 989.5 }) @IsOptional() @IsNumber(finite) @Min(0) @Max(MAX_RATE) fp16?: number;
  @ApiPropertyOptional({ example: 989.5 }) @IsOptional() @IsNumber(finite) @Min(0) @Max(MAX_RATE) bf16?: number;
  @ApiPropertyOptional({ example: 1979 }) @IsOptional() @IsNumber(finite) @Min(0) @Max(MAX_RATE) fp8?: number;
  @ApiPropertyOptional({ example: 1979 }) @IsOptional() @IsNumber(finite) @Min(0) @Max(MAX_RATE) int8?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(finite) @Min(0) @Max(MAX_RATE) fp6?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(finite) @Min(0) @Max(MAX_RATE) fp4?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(finite) @Min(0) @Max(MAX_RATE) int4?: number;
}

export class HbmSpecsDto {
  @ApiProperty({ example: 1200, description: 'stack memory bandwidth, GB/s' })
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_RATE)
  bandwidthGBs: number;

  @ApiProperty({ example: 110, description: 'stack / package area, mm²' })
  @IsNumber(finite)
  @IsPositive()
  @Max(1e5)
  areaMm2: number;
}

export class ItemSpecsDto {
  @ApiPropertyOptional({ example: 15832, description: "'total processing performance'; or give denseTops" })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_RATE)
  tpp?: number;

  @ApiPropertyOptional({ type: DenseTopsDto, description: 'dense peak rates per precision (sparse figures are not counted)' })
  @IsOptional()
  @NestedObject(() => DenseTopsDto)
  denseTops?: DenseTopsDto;

  @ApiPropertyOptional({ example: 814, description: 'applicable (non-planar logic) die area, mm²; must be > 0' })
  @IsOptional()
  @IsNumber(finite)
  @IsPositive()
  @Max(1e5)
  dieAreaMm2?: number;

  @ApiPropertyOptional({ example: true, description: 'designed or marketed for use in datacenters' })
  @IsOptional()
  @IsBoolean()
  datacenter?: boolean;

  @ApiPropertyOptional({ example: 3350 }) @IsOptional() @IsNumber(finite) @Min(0) @Max(MAX_RATE) memoryBandwidthGBs?: number;
  @ApiPropertyOptional({ example: 900 }) @IsOptional() @IsNumber(finite) @Min(0) @Max(MAX_RATE) interconnectGBs?: number;

  @ApiPropertyOptional({ type: HbmSpecsDto, description: 'for HBM stacks (3A090.c)' })
  @IsOptional()
  @NestedObject(() => HbmSpecsDto)
  hbm?: HbmSpecsDto;
}

export class ItemDto {
  @ApiProperty({ example: 'H100 SXM5 80GB', description: 'free text, resolved against the accelerator catalog' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  model: string;

  @ApiPropertyOptional({ example: '900-21010-0000-000' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  partNumber?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;

  @ApiPropertyOptional({ enum: ITEM_KINDS, description: 'the catalog decides when the model is known' })
  @IsOptional()
  @IsIn(ITEM_KINDS as unknown as string[])
  kind?: ItemKind;

  @ApiPropertyOptional({ example: 8, description: 'accelerators one unit holds (servers/boards); the catalog decides when known' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  acceleratorsPerUnit?: number;

  @ApiProperty({ example: 64, minimum: 1, maximum: 1e7 })
  @IsInt()
  @Min(1)
  @Max(1e7)
  quantity: number;

  @ApiPropertyOptional({ example: 400000 }) @IsOptional() @IsNumber(finite) @Min(0) @Max(1e10) unitValueUsd?: number;

  @ApiPropertyOptional({ example: '8471.50' }) @IsOptional() @IsString() @MaxLength(20) @Matches(/^[0-9.\s]+$/) hsCode?: string;

  @ApiPropertyOptional({ example: '4A090.a', description: "the seller's paperwork; checked against the classification" })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Matches(/^[A-Za-z0-9./ _-]+$/)
  declaredEccn?: string;

  @ApiPropertyOptional({ type: ItemSpecsDto, description: 'overrides the catalog (unknown or custom parts)' })
  @IsOptional()
  @NestedObject(() => ItemSpecsDto)
  specs?: ItemSpecsDto;
}

/** A validated ItemDto as the plain domain Item (drops undefined rates). */
export function toItem(dto: ItemDto): Item {
  const { specs, ...rest } = dto;
  const item: Item = { ...rest };
  if (specs) {
    const { denseTops, hbm, ...s } = specs;
    item.specs = { ...s };
    if (denseTops) {
      item.specs.denseTops = Object.fromEntries(Object.entries(denseTops).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
    }
    if (hbm) item.specs.hbm = { bandwidthGBs: hbm.bandwidthGBs, areaMm2: hbm.areaMm2 };
  }
  return item;
}
