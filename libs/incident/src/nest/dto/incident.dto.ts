import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, MaxLength } from 'class-validator';
// The API's text rules (non-blank required text, no control characters). These DTOs are the
// API's, kept beside the incident module until DTOs move to apps/api.
import { IsCleanText, IsRequiredText } from '../../../../../apps/api/src/http/text.validators';
import { PENDING_REASONS, type PendingReason } from '../../incident.commands';
import { LEVELS, type Level } from '../../priority/priority-matrix';

/*
 * Request bodies. The global ValidationPipe strips nothing silently: unknown fields are refused
 * (forbidNonWhitelisted), wrong types are refused. Rules that depend on the ticket's state
 * (an assignee to start work, a resolution to resolve) are the lifecycle's guards, answered 422.
 */

const NAME = 200;
const TEXT = 10_000;

export class LogIncidentDto {
  @ApiProperty({ maxLength: NAME, example: 'Email is down for the finance floor' })
  @IsRequiredText({ singleLine: true }) @MaxLength(NAME)
  title!: string;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional() @IsCleanText() @MaxLength(TEXT)
  description?: string;

  @ApiProperty({ maxLength: NAME, example: 'caller:bob' })
  @IsRequiredText({ singleLine: true }) @MaxLength(NAME)
  caller!: string;

  @ApiPropertyOptional({ maxLength: NAME, example: 'email' })
  @IsOptional() @IsCleanText({ singleLine: true }) @MaxLength(NAME)
  service?: string;

  @ApiPropertyOptional({ maxLength: NAME, example: 'mail-relay-01' })
  @IsOptional() @IsCleanText({ singleLine: true }) @MaxLength(NAME)
  configurationItem?: string;

  @ApiPropertyOptional({ maxLength: NAME, example: 'software' })
  @IsOptional() @IsCleanText({ singleLine: true }) @MaxLength(NAME)
  category?: string;

  @ApiProperty({ enum: LEVELS })
  @IsIn(LEVELS)
  impact!: Level;

  @ApiProperty({ enum: LEVELS })
  @IsIn(LEVELS)
  urgency!: Level;
}

export class AssignIncidentDto {
  @ApiProperty({ maxLength: NAME, example: 'network' })
  @IsRequiredText({ singleLine: true }) @MaxLength(NAME)
  assignmentGroup!: string;

  @ApiPropertyOptional({ maxLength: NAME, example: 'ana' })
  @IsOptional() @IsRequiredText({ singleLine: true }) @MaxLength(NAME)
  assignee?: string;
}

/** For commands that carry no data (start work, resume): only `{}` is accepted. */
export class NoDataDto {}

export class PendIncidentDto {
  @ApiProperty({ enum: PENDING_REASONS })
  @IsIn(PENDING_REASONS)
  reason!: PendingReason;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional() @IsCleanText() @MaxLength(TEXT)
  note?: string;
}

export class ResolveIncidentDto {
  @ApiProperty({ maxLength: NAME, example: 'config-fix', description: 'Required (non-blank) by the hasResolution guard' })
  @IsCleanText({ singleLine: true }) @MaxLength(NAME)
  resolutionCode!: string;

  @ApiProperty({ maxLength: TEXT, example: 'Restarted the mail relay', description: 'Required (non-blank) by the hasResolution guard' })
  @IsCleanText() @MaxLength(TEXT)
  resolutionNotes!: string;
}

export class ReasonDto {
  @ApiProperty({ maxLength: TEXT, example: 'Caller reports the fault is back' })
  @IsCleanText() @MaxLength(TEXT)
  reason!: string;
}

export class CloseIncidentDto {
  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional() @IsCleanText() @MaxLength(TEXT)
  note?: string;
}

export class CommentOnIncidentDto {
  @ApiProperty({ maxLength: TEXT, example: 'Called the user back' })
  @IsRequiredText() @MaxLength(TEXT)
  text!: string;

  @ApiPropertyOptional({ enum: ['internal', 'public'], default: 'internal' })
  @IsOptional() @IsIn(['internal', 'public'])
  visibility?: 'internal' | 'public';
}
