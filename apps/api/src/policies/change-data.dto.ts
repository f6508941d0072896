import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';

/*
 * Request bodies of the change data endpoints. The document is free-form here on purpose: the
 * change data validators answer with findings at the JSON path of each problem (unknown fields,
 * wrong types: 400; broken rules such as a window ending before it starts: 422).
 */
const NOTES = 4_000;

export class ChangeDataPublishDto {
  @ApiProperty({ description: 'The document (questionnaire, approval rule, freeze calendar or template); id and version come from the URL and the store', type: 'object', additionalProperties: true })
  @Allow()
  document!: unknown;

  @ApiPropertyOptional({ description: 'The live version you read (0 for a new id); if someone published since, the answer is 409. Or send If-Match: "<version>" (412 on a mismatch)' })
  @IsOptional() @IsInt() @Min(0)
  expectedVersion?: number;

  @ApiPropertyOptional({ maxLength: NOTES, description: 'Why this version (kept with it, for the audit)' })
  @IsOptional() @IsString() @MaxLength(NOTES)
  notes?: string;
}

export class TemplateReviewDto {
  @ApiProperty({ maxLength: NOTES, description: 'Why the template needs review, e.g. the failure of a change raised from it' })
  @IsString() @IsNotEmpty() @MaxLength(NOTES)
  reason!: string;

  @ApiPropertyOptional({ description: 'The change whose failure asks for the review' })
  @IsOptional() @IsUUID()
  changeId?: string;
}
