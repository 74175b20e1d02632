import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { BeneficialOwnerDto } from '../common/beneficial-owner.dto';
import { PartyDto } from '../common/party.dto';
import { IsCountry, IsIsoDate, NestedObject, NestedObjects } from '../common/validators';
import { PaymentDto } from '../common/payment.dto';
import { INTENDED_USES, IntendedUse } from '.';

const upperEach = Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v)) : value));

export { BeneficialOwnerDto };

export class AcceleratorRequestDto {
  @ApiProperty({ example: 'H200', description: 'free text, resolved against the accelerator catalog' })
  @IsString()
  @Length(1, 200)
  model: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 128)
  partNumber?: string;

  @ApiProperty({ example: 512, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  quantity: number;

  @ApiPropertyOptional({ description: 'for servers / boards the catalog does not know' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  acceleratorsPerUnit?: number;
}

/** POST /v1/cloud/customers/screen (API.md). */
export class CloudCustomerRequestDto {
  @ApiPropertyOptional({ example: 'ACCT-2026-0042', description: "the provider's account / contract id (stored, searchable)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({ example: '2026-11-27', description: 'rules and country groups in force that day; default today' })
  @IsOptional()
  @IsIsoDate()
  date?: string;

  @ApiProperty({ type: PartyDto, description: 'with headquartersCountry and ultimateParentCountry' })
  @IsNotEmpty({ message: 'customer is required' })
  @NestedObject(() => PartyDto)
  customer: PartyDto;

  @ApiPropertyOptional({ type: [BeneficialOwnerDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @NestedObjects(() => BeneficialOwnerDto)
  beneficialOwners?: BeneficialOwnerDto[];

  @ApiProperty({ example: 'MY', description: 'where the capacity runs' })
  @IsNotEmpty({ message: 'dataCenterCountry is required' })
  @IsCountry()
  dataCenterCountry: string;

  @ApiPropertyOptional({ example: 'my-jhb-1', description: "the provider's data-centre id (licence / VEU conditions, data/cloud/datacenter-conditions.json)" })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  dataCenterId?: string;

  @ApiPropertyOptional({ example: ['CN'], description: 'where logins / API calls come from, if known' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(300)
  @upperEach
  @IsCountry({ each: true, message: 'accessCountries must hold ISO 3166-1 alpha-2 country codes' })
  accessCountries?: string[];

  @ApiPropertyOptional({ description: 'logins seen through VPN / Tor / anonymising proxies' })
  @IsOptional()
  @IsBoolean()
  anonymiserAccess?: boolean;

  @ApiProperty({ type: [AcceleratorRequestDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1, { message: 'accelerators must hold at least 1 line' })
  @ArrayMaxSize(500)
  @NestedObjects(() => AcceleratorRequestDto)
  accelerators: AcceleratorRequestDto[];

  @ApiPropertyOptional({ enum: INTENDED_USES })
  @IsOptional()
  @IsIn(INTENDED_USES as unknown as string[])
  intendedUse?: IntendedUse;

  @ApiPropertyOptional({ example: 3e25, description: 'estimated operations of the largest planned training run' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  trainingComputeFlop?: number;

  @ApiPropertyOptional({ type: PartyDto, description: 'the party the customer resells the capacity to' })
  @IsOptional()
  @NestedObject(() => PartyDto)
  resellerFor?: PartyDto;

  @ApiPropertyOptional({ description: 'false: a reseller that will not name its end customers' })
  @IsOptional()
  @IsBoolean()
  resellerDisclosesCustomers?: boolean;

  @ApiPropertyOptional({ type: PaymentDto })
  @IsOptional()
  @NestedObject(() => PaymentDto)
  payment?: PaymentDto;

  @ApiPropertyOptional({
    description: 'the transaction attributes vocabulary (API.md); unknown keys are stored and ignored',
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;
}
