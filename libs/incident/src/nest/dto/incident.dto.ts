import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
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
  @IsString() @IsNotEmpty() @MaxLength(NAME)
  title!: string;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional() @IsString() @MaxLength(TEXT)
  description?: string;

  @ApiProperty({ maxLength: NAME, example: 'caller:bob' })
  @IsString() @IsNotEmpty() @MaxLength(NAME)
  caller!: string;

  @ApiPropertyOptional({ maxLength: NAME, example: 'email' })
  @IsOptional() @IsString() @MaxLength(NAME)
  service?: string;

  @ApiPropertyOptional({ maxLength: NAME, example: 'mail-relay-01' })
  @IsOptional() @IsString() @MaxLength(NAME)
  configurationItem?: string;

  @ApiPropertyOptional({ maxLength: NAME, example: 'software' })
  @IsOptional() @IsString() @MaxLength(NAME)
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
  @IsString() @IsNotEmpty() @MaxLength(NAME)
  assignmentGroup!: string;

  @ApiPropertyOptional({ maxLength: NAME, example: 'ana' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(NAME)
  assignee?: string;
}

/** For commands that carry no data (start work, resume): only `{}` is accepted. */
export class NoDataDto {}

export class PendIncidentDto {
  @ApiProperty({ enum: PENDING_REASONS })
  @IsIn(PENDING_REASONS)
  reason!: PendingReason;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional() @IsString() @MaxLength(TEXT)
  note?: string;
}

export class ResolveIncidentDto {
  @ApiProperty({ maxLength: NAME, example: 'config-fix', description: 'Required (non-blank) by the hasResolution guard' })
  @IsString() @MaxLength(NAME)
  resolutionCode!: string;

  @ApiProperty({ maxLength: TEXT, example: 'Restarted the mail relay', description: 'Required (non-blank) by the hasResolution guard' })
  @IsString() @MaxLength(TEXT)
  resolutionNotes!: string;
}

export class ReasonDto {
  @ApiProperty({ maxLength: TEXT, example: 'Caller reports the fault is back' })
  @IsString() @MaxLength(TEXT)
  reason!: string;
}

export class CloseIncidentDto {
  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional() @IsString() @MaxLength(TEXT)
  note?: string;
}

export class CommentOnIncidentDto {
  @ApiProperty({ maxLength: TEXT, example: 'Called the user back' })
  @IsString() @IsNotEmpty() @MaxLength(TEXT)
  text!: string;

  @ApiPropertyOptional({ enum: ['internal', 'public'], default: 'internal' })
  @IsOptional() @IsIn(['internal', 'public'])
  visibility?: 'internal' | 'public';
}
