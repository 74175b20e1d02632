import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  Validate,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { isCountryCode } from '../common/countries';
import { ItemDto } from '../common/item.dto';
import type { Reason } from '../common/reason';
import { NestedObjects } from '../common/validators';

/** ISO 3166-1 alpha-2, case-insensitive on input (upper-cased by the Transform). */
export function IsCountry(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCountry',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO 3166-1 alpha-2 country code`, ...options },
      validator: { validate: (v: unknown) => isCountryCode(v) },
    });
}

export const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

@ValidatorConstraint({ name: 'isCalendarDate' })
export class IsCalendarDate implements ValidatorConstraintInterface {
  validate(v: unknown): boolean {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }
  defaultMessage(): string {
    return 'date must be a calendar date YYYY-MM-DD';
  }
}

export class ClassifyRequestDto {
  @ApiProperty({ type: [ItemDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @NestedObjects(() => ItemDto)
  items: ItemDto[];

  @ApiProperty({ example: 'CN', description: 'ISO 3166-1 alpha-2, case-insensitive' })
  @Transform(upper)
  @IsString()
  @IsCountry()
  destination: string;

  @ApiPropertyOptional({ example: '2026-11-27', description: 'rules in force that day (default: today)' })
  @IsOptional()
  @IsString()
  @Validate(IsCalendarDate)
  date?: string;

  @ApiPropertyOptional({ example: 'US', description: 'exporting country (default US)' })
  @IsOptional()
  @Transform(upper)
  @IsString()
  @IsCountry()
  exportFrom?: string;

  @ApiPropertyOptional({ example: 'CN', description: "end user's headquarters country, for the headquarters rule" })
  @IsOptional()
  @Transform(upper)
  @IsString()
  @IsCountry()
  headquartersCountry?: string;

  @ApiPropertyOptional({ example: 'CN', description: "end user's ultimate parent's headquarters country" })
  @IsOptional()
  @Transform(upper)
  @IsString()
  @IsCountry()
  ultimateParentCountry?: string;

  @ApiPropertyOptional({ example: 'Core42', description: 'end-user name (UAE approved-party carve-out)' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  endUserName?: string;
}

export class ReasonDto implements Reason {
  @ApiProperty({ example: 'LICENSE_REQUIRED' }) code: string;
  @ApiProperty({ enum: ['deny', 'review', 'info'] }) severity: 'deny' | 'review' | 'info';
  @ApiProperty() message: string;
  @ApiProperty({ example: '15 CFR 742.6(a)(6)' }) citation: string;
  @ApiProperty({ example: 'items[0]' }) subject: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) evidence: Record<string, unknown>;
}

export class ClassifiedItemDto {
  @ApiProperty() index: number;
  @ApiPropertyOptional({ example: 'NVIDIA H100 SXM5 80GB', nullable: true }) resolvedModel: string | null;
  @ApiPropertyOptional({ example: 'nvidia-h100-sxm5-80gb', nullable: true }) catalogId: string | null;
  @ApiProperty({ example: '3A090.a', description: '3A090.a|3A090.b|3A090.c|4A090.a|4A090.b|<base>.z|EAR99/NOT_3A090|UNKNOWN' }) eccn: string;
  @ApiPropertyOptional({ example: 15832, nullable: true }) tpp: number | null;
  @ApiPropertyOptional({ example: 19.45, nullable: true }) performanceDensity: number | null;
  @ApiPropertyOptional({ nullable: true }) datacenter: boolean | null;
  @ApiProperty() acceleratorsPerUnit: number;
  @ApiProperty({ description: 'which paragraph and which numbers decided' }) basis: string;
  @ApiProperty() licenseRequired: boolean;
  @ApiProperty({ example: ['NAC'] }) licenseExceptions: string[];
  @ApiPropertyOptional({ enum: ['presumption_of_denial', 'case_by_case', 'presumption_of_approval'], nullable: true }) reviewPolicy: string | null;
  @ApiProperty({ type: [ReasonDto] }) reasons: ReasonDto[];
}

export class ClassifyResponseDto {
  @ApiProperty({ type: [ClassifiedItemDto] }) items: ClassifiedItemDto[];
  @ApiProperty({ example: '2026-07-10', description: 'id of the rule set applied' }) rulesVersion: string;
}

export class AcceleratorQueryDto {
  @ApiPropertyOptional({ description: 'case-insensitive filter on model, vendor, alias or part number' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'classify under the rules in force that day (default today)' })
  @IsOptional()
  @IsString()
  @Validate(IsCalendarDate)
  date?: string;
}
