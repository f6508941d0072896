import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/*
 * Request bodies of the SLA endpoints. A document (calendar or policy) is free-form here on
 * purpose: the SLA validators answer with findings that carry the JSON path of each problem.
 */
const NOTES = 4_000;
const DOCUMENT = 'The calendar (business-time format) or policy document';

export class SlaDocumentDto {
  @ApiProperty({ description: DOCUMENT, type: 'object', additionalProperties: true })
  @Allow()
  document!: unknown;
}

export class SlaDraftDto extends SlaDocumentDto {
  @ApiPropertyOptional({ maxLength: NOTES })
  @IsOptional() @IsString() @MaxLength(NOTES)
  notes?: string;
}

export class SlaPublishDto {
  @ApiPropertyOptional({ description: DOCUMENT, type: 'object', additionalProperties: true })
  @IsOptional() @Allow()
  document?: unknown;

  @ApiPropertyOptional({ description: 'Publish this open draft instead of a document' })
  @IsOptional() @IsInt() @Min(1)
  draft?: number;

  @ApiProperty({ description: 'The live version reviewed (0 for a new name); if someone published since, the answer is 409' })
  @IsInt() @Min(0)
  expectedVersion!: number;

  @ApiPropertyOptional({ maxLength: NOTES })
  @IsOptional() @IsString() @MaxLength(NOTES)
  notes?: string;
}

export class RebaselineDto {
  @ApiProperty({ maxLength: NOTES, description: 'Why running clocks move onto the live versions (recorded)' })
  @IsString() @IsNotEmpty() @MaxLength(NOTES)
  reason!: string;
}
