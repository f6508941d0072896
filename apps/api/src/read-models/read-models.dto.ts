import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CSI_METRIC_NAMES, DIMENSIONS, MAX_PAGE, PERIODS } from '@itil/read-models';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** `?after=<position>`: wait (bounded) until the read model has applied it. */
export class AfterQuery {
  @ApiPropertyOptional({ description: 'A $all position from a command response: the query waits (bounded) until the read model has passed it' })
  @IsOptional() @Matches(/^\d{1,20}$/, { message: 'after must be a $all position (decimal digits)' })
  after?: string;
}

export class TicketListQuery extends AfterQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) process?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) state?: string;
  @ApiPropertyOptional({ enum: ['new', 'active', 'pending', 'resolved', 'closed', 'cancelled'] }) @IsOptional() @IsString() @MaxLength(100) stateCategory?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(5) priority?: number;
  @ApiPropertyOptional({ description: 'assignment group' }) @IsOptional() @IsString() @MaxLength(200) group?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) assignee?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) service?: string;
  @ApiPropertyOptional({ description: 'configuration item' }) @IsOptional() @IsString() @MaxLength(200) ci?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() open?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() createdFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() createdTo?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() updatedFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() updatedTo?: string;
  @ApiPropertyOptional({ description: 'full text over title, description and comments (every word must match)' }) @IsOptional() @IsString() @MaxLength(500) q?: string;
  @ApiPropertyOptional({ maximum: MAX_PAGE }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(MAX_PAGE) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(1000) cursor?: string;
}

export class QueueQuery extends AfterQuery {
  @ApiPropertyOptional({ maximum: MAX_PAGE }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(MAX_PAGE) limit?: number;
}

export class CsiReportQuery extends AfterQuery {
  @ApiPropertyOptional({ enum: PERIODS }) @IsOptional() @IsIn([...PERIODS]) period?: (typeof PERIODS)[number];
  @ApiPropertyOptional({ enum: Object.keys(DIMENSIONS) }) @IsOptional() @IsIn(Object.keys(DIMENSIONS)) by?: keyof typeof DIMENSIONS;
  @ApiPropertyOptional({ description: 'first period key, inclusive (2026-03-02 or 2026-03)' }) @IsOptional() @Matches(/^\d{4}-\d{2}(-\d{2})?$/) from?: string;
  @ApiPropertyOptional({ description: 'last period key, inclusive' }) @IsOptional() @Matches(/^\d{4}-\d{2}(-\d{2})?$/) to?: string;
  @ApiPropertyOptional({ description: 'backlog-aging: the instant ages are measured at (default now)' }) @IsOptional() @IsISO8601() asOf?: string;
}

export const CSI_METRIC_PARAM = CSI_METRIC_NAMES;

export class ChangeCalendarQuery extends AfterQuery {
  @ApiProperty({ description: 'start of the range, inclusive (ISO 8601 instant)', example: '2026-03-02T00:00:00Z' }) @IsISO8601() from!: string;
  @ApiProperty({ description: 'end of the range, exclusive; after from, at most 366 days later', example: '2026-03-09T00:00:00Z' }) @IsISO8601() to!: string;
}

export class KnownErrorQuery extends AfterQuery {
  @ApiPropertyOptional({ description: 'every word must appear in the title, symptom (description), workaround, root cause or resolution notes' }) @IsOptional() @IsString() @MaxLength(500) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) service?: string;
  @ApiPropertyOptional({ description: 'configuration item' }) @IsOptional() @IsString() @MaxLength(200) configurationItem?: string;
  @ApiPropertyOptional({ maximum: MAX_PAGE }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(MAX_PAGE) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(1000) cursor?: string;
}
