import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IDENTIFIER_TYPES, IdentifierType } from '../networks/identifiers';
import { PARTY_KINDS, PartyKind, PartyType } from './order';
import { IsCountry, IsIsoDate, IsPartialDate, NestedObjects } from './validators';

export const PARTY_TYPES: PartyType[] = ['entity', 'individual', 'vessel', 'aircraft'];

export class IdentifierDto {
  /** API.md "Party".identifiers types (src/networks/identifiers.ts normalises each) */
  @ApiProperty({ enum: IDENTIFIER_TYPES, example: 'LEI' })
  @IsIn(IDENTIFIER_TYPES as unknown as string[])
  type: IdentifierType;

  @ApiProperty()
  @IsString()
  @Length(1, 128)
  value: string;
}

/** API.md "Party". */
export class PartyDto {
  @ApiProperty({ example: 'Shanghai Biren Technology', minLength: 1, maxLength: 512 })
  @IsString()
  @Length(1, 512)
  name: string;

  @ApiPropertyOptional({ enum: PARTY_TYPES })
  @IsOptional()
  @IsIn(PARTY_TYPES)
  type?: PartyType;

  @ApiPropertyOptional({ example: 'CN', description: 'ISO 3166-1 alpha-2, where the party is located' })
  @IsOptional()
  @IsCountry()
  country?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  address?: string;

  @ApiPropertyOptional({ example: 'CN' })
  @IsOptional()
  @IsCountry()
  headquartersCountry?: string;

  @ApiPropertyOptional({ example: 'CN' })
  @IsOptional()
  @IsCountry()
  ultimateParentCountry?: string;

  @ApiPropertyOptional({ description: 'screened too' })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  ultimateParentName?: string;

  @ApiPropertyOptional({ example: '2024-11-02' })
  @IsOptional()
  @IsIsoDate()
  incorporatedOn?: string;

  @ApiPropertyOptional({ enum: PARTY_KINDS })
  @IsOptional()
  @IsIn(PARTY_KINDS as unknown as string[])
  kind?: PartyKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(512)
  website?: string;

  @ApiPropertyOptional({ example: '1961-03-04', description: "individuals: YYYY, YYYY-MM or YYYY-MM-DD; compared with the lists' dates of birth" })
  @IsOptional()
  @IsPartialDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'RU', description: "individuals: ISO 3166-1 alpha-2; compared with the lists' nationalities" })
  @IsOptional()
  @IsCountry()
  nationality?: string;

  @ApiPropertyOptional({ type: [IdentifierDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @NestedObjects(() => IdentifierDto)
  identifiers?: IdentifierDto[];
}
