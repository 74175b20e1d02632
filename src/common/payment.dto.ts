import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsCountry } from './validators';

/** Who pays, from where: shared by orders and cloud customers. */
export class PaymentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 512)
  payerName?: string;

  @ApiPropertyOptional({ example: 'HK' })
  @IsOptional()
  @IsCountry()
  originCountry?: string;

  @ApiPropertyOptional({ example: 'wire' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  method?: string;
}
