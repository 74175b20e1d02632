import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsIsoDate, NestedObjects } from '../common/validators';
import { LIST_CODES } from '../lists/list-entry';

export class FalsePositiveDto {
  @ApiPropertyOptional({
    example: 'endUser',
    description: 'the party the match was reported for (buyer, endUser, intermediaries[0] …); default: every party of the decision that matched this entry',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  subject?: string;

  @ApiProperty({ example: 'EL', enum: LIST_CODES })
  @IsIn(LIST_CODES as unknown as string[])
  source: string;

  @ApiProperty({ example: '12345' })
  @IsString()
  @Length(1, 200)
  entryId: string;
}

/** POST /v1/decisions/:id/disposition */
export class DispositionDto {
  @ApiProperty({ enum: ['release', 'block'] })
  @IsIn(['release', 'block'])
  action: 'release' | 'block';

  @ApiPropertyOptional({ example: 'Different company: checked the registry, address and owners' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;

  @ApiPropertyOptional({
    example: 'Dana Reviewer',
    description:
      "who disposes: always the authenticated key's name; when given it must be that name (400 otherwise). In local mode (no keys) it names the person at the console (default: local)",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  by?: string;

  @ApiPropertyOptional({
    type: [FalsePositiveDto],
    description: 'release only: matches reviewed as false positives; the same party-entry pair is suppressed in later screenings (allow-list)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @NestedObjects(() => FalsePositiveDto)
  falsePositives?: FalsePositiveDto[];
}

/** POST /v1/decisions/rescreen */
export class RescreenRequestDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'decisions stored on or after (default: RESCREEN_WINDOW_DAYS ago)' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'decisions stored on or before' })
  @IsOptional()
  @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ description: 'also report new possible matches (review threshold), not only matches', default: false })
  @IsOptional()
  @IsBoolean()
  includePossible?: boolean;
}

/**
 * The review queue's filters (GET /v1/decisions), one field each: what the OpenAPI document lists. The values
 * are read by parseListQuery (queue.ts, LIST_QUERY_KEYS: the same names, a unit test holds them equal):
 * comma-separated lists, case-insensitive codes, and every unknown parameter a 400 (a typo must not widen the queue).
 */
export class DecisionQueryDto {
  @ApiPropertyOptional({ description: 'allow | review | deny (comma-separated for several)' })
  decision?: string;

  @ApiPropertyOptional({ description: 'open | reopened | pending_approval | disposed | released | blocked | closed (comma-separated for several)' })
  status?: string;

  @ApiPropertyOptional({ description: 'stored on or after YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'stored on or before YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ description: 'order date on or after YYYY-MM-DD' })
  orderFrom?: string;

  @ApiPropertyOptional({ description: 'order date on or before YYYY-MM-DD' })
  orderTo?: string;

  @ApiPropertyOptional({ description: "the client's order reference (exact)" })
  reference?: string;

  @ApiPropertyOptional({ description: 'part of any party name (case-insensitive)' })
  party?: string;

  @ApiPropertyOptional({ description: 'list code that matched (EL, SDN …)' })
  source?: string;

  @ApiPropertyOptional({ description: 'a reason code (PARTY_LIST_MATCH …)' })
  reasonCode?: string;

  @ApiPropertyOptional({ description: 'transaction | cloud | rescreen' })
  kind?: string;

  @ApiPropertyOptional({ description: 'decision ids, comma-separated (at most 100)' })
  ids?: string;

  @ApiPropertyOptional({ description: 'newest (default) | oldest' })
  order?: string;

  @ApiPropertyOptional({ description: '1..500, default 50' })
  limit?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  cursor?: string;
}
