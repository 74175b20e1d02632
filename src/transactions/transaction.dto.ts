import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { BeneficialOwnerDto } from '../common/beneficial-owner.dto';
import { ItemDto } from '../common/item.dto';
import { PartyDto } from '../common/party.dto';
import { PaymentDto } from '../common/payment.dto';
import { IsCountry, IsIsoDate, NestedObject, NestedObjects } from '../common/validators';

export class ShipToDto extends PartyDto {
  @ApiProperty({ example: 'SG', description: 'required for the ship-to party' })
  @IsNotEmpty({ message: 'country is required for shipTo' })
  @IsCountry()
  declare country: string;
}

export class LicenseDto {
  @ApiProperty({ enum: ['license', 'NAC', 'ACA', 'VEU'] })
  @IsIn(['license', 'NAC', 'ACA', 'VEU'])
  type: 'license' | 'NAC' | 'ACA' | 'VEU';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  number?: string;

  @ApiPropertyOptional({ example: '2027-06-30' })
  @IsOptional()
  @IsIsoDate()
  validUntil?: string;
}

/** POST /v1/transactions/screen (API.md). */
export class TransactionRequestDto {
  @ApiPropertyOptional({ example: 'PO-2026-00042' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({ example: '2026-11-27', description: 'order/ship date; default today' })
  @IsOptional()
  @IsIsoDate()
  date?: string;

  @ApiPropertyOptional({ example: 'US', default: 'US' })
  @IsOptional()
  @IsCountry()
  exportFrom?: string;

  @ApiProperty({ type: PartyDto })
  @IsNotEmpty({ message: 'buyer is required' })
  @NestedObject(() => PartyDto)
  buyer: PartyDto;

  @ApiPropertyOptional({ type: PartyDto })
  @IsOptional()
  @NestedObject(() => PartyDto)
  endUser?: PartyDto;

  @ApiPropertyOptional({ type: ShipToDto })
  @IsOptional()
  @NestedObject(() => ShipToDto)
  shipTo?: ShipToDto;

  @ApiPropertyOptional({ type: PartyDto })
  @IsOptional()
  @NestedObject(() => PartyDto)
  billTo?: PartyDto;

  @ApiPropertyOptional({ type: [PartyDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @NestedObjects(() => PartyDto)
  intermediaries?: PartyDto[];

  @ApiProperty({ type: [ItemDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1, { message: 'items must hold at least 1 item' })
  @ArrayMaxSize(500)
  @NestedObjects(() => ItemDto)
  items: ItemDto[];

  @ApiPropertyOptional({ example: 'LLM training in own data centre' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  endUse?: string;

  @ApiPropertyOptional({ type: PaymentDto })
  @IsOptional()
  @NestedObject(() => PaymentDto)
  payment?: PaymentDto;

  @ApiPropertyOptional({ type: [LicenseDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @NestedObjects(() => LicenseDto)
  licenses?: LicenseDto[];

  @ApiPropertyOptional({
    type: [BeneficialOwnerDto],
    description:
      "the buyer's owners with their share: each is screened; a listed majority owner can extend its listing to the buyer (OFAC 50 % rule, affiliates rule)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @NestedObjects(() => BeneficialOwnerDto)
  beneficialOwners?: BeneficialOwnerDto[];

  @ApiPropertyOptional({ description: 'red-flag inputs (API.md table); unknown keys are stored and ignored', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;
}
