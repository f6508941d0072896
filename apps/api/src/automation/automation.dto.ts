import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** The rule is free-form here on purpose: libs/automation validates it with findings at JSON paths. */
export class PublishAutomationRuleDto {
  @ApiProperty({
    description: 'The rule document: id, kind (auto-assign, auto-close, standard-change-approval), process, order, enabled, when {service, category, configurationItem, template}, then',
    type: 'object',
    additionalProperties: true,
    example: { id: 'vpn-to-network', kind: 'auto-assign', process: 'incident', order: 10, when: { service: 'vpn' }, then: { assignmentGroup: 'network' } },
  })
  @Allow()
  rule!: unknown;

  @ApiProperty({ description: 'The live version reviewed (0 for a new rule); if someone published since, the answer is 409' })
  @IsInt()
  @Min(0)
  expectedVersion!: number;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}
