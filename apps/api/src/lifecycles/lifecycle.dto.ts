import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

/*
 * Request bodies of the process-owner endpoints. A definition is free-form here on purpose: it
 * is either the JSON document itself or its text (so duplicate keys and syntax errors can be
 * located), and the lifecycle validator answers with findings that carry JSON paths.
 */

const NOTES = 4_000;
const DEFINITION_DOC = 'The lifecycle definition: the XState JSON document, or its text (then duplicate keys and syntax errors are reported with their place)';

/** A string -> string object (a state mapping). */
function IsStateMapping(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isStateMapping',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) && Object.entries(value).every(([k, v]) => k.length > 0 && typeof v === 'string' && v.length > 0),
        defaultMessage: () => 'mapping must be an object of old state -> new state names',
      },
    },
    options,
  );
}

export class DefinitionBodyDto {
  @ApiProperty({ description: DEFINITION_DOC, type: 'object', additionalProperties: true })
  @Allow()
  definition!: unknown;
}

export class SaveDraftDto extends DefinitionBodyDto {
  @ApiPropertyOptional({ maxLength: NOTES, example: 'Vendor waits are handled as caller waits' })
  @IsOptional() @IsString() @MaxLength(NOTES)
  notes?: string;
}

export class DiscardDraftDto {
  @ApiProperty({ maxLength: NOTES })
  @IsString() @IsNotEmpty() @MaxLength(NOTES)
  reason!: string;
}

/** Exactly one of definition, draft or version names what to work on. */
export class DefinitionRefDto {
  @ApiPropertyOptional({ description: DEFINITION_DOC, type: 'object', additionalProperties: true })
  @IsOptional() @Allow()
  definition?: unknown;

  @ApiPropertyOptional({ description: 'An open draft, by number' })
  @IsOptional() @IsInt() @Min(1)
  draft?: number;

  @ApiPropertyOptional({ description: 'A published version, by number' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class TicketFilterDto {
  @ApiPropertyOptional({ type: [String], description: 'Only tickets now in one of these states' })
  @IsOptional() @IsArray() @IsString({ each: true }) @MaxLength(100, { each: true })
  states?: string[];

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z' })
  @IsOptional() @IsISO8601()
  openedFrom?: string;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00Z' })
  @IsOptional() @IsISO8601()
  openedBefore?: string;

  @ApiPropertyOptional({ type: [Number], description: 'Only tickets pinned to one of these versions' })
  @IsOptional() @IsArray() @IsInt({ each: true })
  versions?: number[];

  @ApiPropertyOptional()
  @IsOptional() @IsBoolean()
  inFlightOnly?: boolean;
}

export class WhatIfDto extends DefinitionRefDto {
  @ApiPropertyOptional({ type: TicketFilterDto })
  @IsOptional() @ValidateNested() @Type(() => TicketFilterDto)
  filter?: TicketFilterDto;

  @ApiPropertyOptional({ description: 'Opt-in: also run guards on the recorded event data (replay never re-runs guards by default)' })
  @IsOptional() @IsBoolean()
  checkGuards?: boolean;

  @ApiPropertyOptional({ description: 'Per-ticket detail for at most this many affected tickets (counts are always exact)', default: 1000 })
  @IsOptional() @IsInt() @Min(0) @Max(100_000)
  detailLimit?: number;
}

export class PublishDto {
  @ApiPropertyOptional({ description: DEFINITION_DOC, type: 'object', additionalProperties: true })
  @IsOptional() @Allow()
  definition?: unknown;

  @ApiPropertyOptional({ description: 'Publish this open draft instead of a definition' })
  @IsOptional() @IsInt() @Min(1)
  draft?: number;

  @ApiProperty({ description: 'The live version the process owner reviewed; if someone published since, the answer is 409' })
  @IsInt() @Min(0)
  expectedVersion!: number;

  @ApiPropertyOptional({ maxLength: NOTES })
  @IsOptional() @IsString() @MaxLength(NOTES)
  notes?: string;
}

export class MigrationDto {
  @ApiProperty() @IsInt() @Min(1)
  fromVersion!: number;

  @ApiProperty() @IsInt() @Min(1)
  toVersion!: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { awaitingVendor: 'awaitingCaller' }, description: 'Old state -> new state; unmapped states keep their name' })
  @IsObject() @IsStateMapping()
  mapping!: Record<string, string>;

  @ApiProperty({ description: 'true: list every ticket and its target state, write nothing' })
  @IsBoolean()
  dryRun!: boolean;

  @ApiPropertyOptional({ maxLength: NOTES })
  @IsOptional() @IsString() @MaxLength(NOTES)
  reason?: string;
}
