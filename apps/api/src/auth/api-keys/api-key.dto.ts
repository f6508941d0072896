import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../roles';

export class IssueApiKeyDto {
  @ApiProperty({ maxLength: 100, example: 'nightly CSI export' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, maxItems: ROLES.length, example: ['reporter'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ description: 'A service account acting for a rule or policy: its events record this actor', example: 'rule:auto-close@1' })
  @IsOptional() @IsString() @Matches(/^(rule:[\w.-]{1,100}@\d{1,9}|policy:[\w.-]{1,100})$/, { message: 'actsFor must be rule:<name>@<version> or policy:<name>' })
  actsFor?: string;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00Z' })
  @IsOptional() @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class RevokeApiKeyDto {
  @ApiProperty({ maxLength: 500, example: 'job retired' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  reason!: string;
}
