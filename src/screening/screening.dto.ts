import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { IdentifierDto, PARTY_TYPES } from '../common/party.dto';
import { PartyType } from '../common/order';
import { IsCountry, IsPartialDate, NestedObjects } from '../common/validators';
import { LIST_CODES, ListCode } from '../lists/list-entry';

export class ScreenPartyDto {
  @ApiProperty({ example: 'Inspur Electronic Info Industry Co Ltd' })
  @IsString()
  @Length(1, 512)
  name: string;

  @ApiPropertyOptional({ enum: PARTY_TYPES })
  @IsOptional()
  @IsIn(PARTY_TYPES)
  type?: PartyType;

  @ApiPropertyOptional({ example: 'CN' })
  @IsOptional()
  @IsCountry()
  country?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  address?: string;

  @ApiPropertyOptional({ example: '1961-03-04', description: 'individuals: YYYY, YYYY-MM or YYYY-MM-DD; a conflicting listed date lowers the score' })
  @IsOptional()
  @IsPartialDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'RU', description: 'individuals: ISO 3166-1 alpha-2; a conflicting listed nationality lowers the score' })
  @IsOptional()
  @IsCountry()
  nationality?: string;

  @ApiPropertyOptional({ type: [IdentifierDto], description: "an identifier equal to one of the entry's is strong evidence" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @NestedObjects(() => IdentifierDto)
  identifiers?: IdentifierDto[];

  @ApiPropertyOptional({ enum: LIST_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(LIST_CODES as unknown as string[], { each: true })
  sources?: ListCode[];

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class ScreenBatchDto {
  @ApiProperty({ type: [ScreenPartyDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @NestedObjects(() => ScreenPartyDto)
  parties: ScreenPartyDto[];
}
