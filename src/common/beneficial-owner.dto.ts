import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';
import { PartyDto } from './party.dto';

/** A beneficial owner (API.md: Party + ownershipPercent): cloud customers and, optionally, a transaction's buyer. */
export class BeneficialOwnerDto extends PartyDto {
  @ApiPropertyOptional({ example: 60, minimum: 0, maximum: 100, description: 'share held; owners with no share are screened (fail closed)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  ownershipPercent?: number;
}
