import { ApiBody, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CSI_METRIC_NAMES } from '@itil/read-models';
import { MAX_WINDOW_DAYS } from '@itil/improvement';

const STATUSES = ['open', 'achieved', 'abandoned'] as const;
const STANDINGS = ['achieved', 'on-track', 'behind', 'overdue', 'no-data', 'abandoned'] as const;

export class ImprovementListQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) service?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) owner?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn([...STATUSES]) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ enum: STANDINGS, description: 'computed from the live figure: achieved, on-track, behind, overdue, no-data; abandoned once closed so' })
  @IsOptional()
  @IsIn([...STANDINGS])
  standing?: (typeof STANDINGS)[number];
}

/*
 * Bodies are checked by the initiative's decider (JSON paths, unknown fields refused, one place
 * for every caller). These schemas document them in OpenAPI.
 */
const obj = (required: string[], properties: Record<string, object>) => ApiBody({ schema: { type: 'object', ...(required.length > 0 ? { required } : {}), additionalProperties: false, properties } });
const id = { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9._:-]{0,99}$' };
const date = { type: 'string', format: 'date' };
const reason = { type: 'string', maxLength: 1000 };

export const ImprovementBodies = {
  register: obj(['title', 'service', 'metric', 'baselineAt', 'target', 'direction', 'dueDate', 'owner'], {
    title: { type: 'string', maxLength: 200 },
    service: id,
    metric: { type: 'string', enum: CSI_METRIC_NAMES, description: 'a CSI metric of GET /reports/csi; the initiative follows its headline figure (MTTA/MTTR mean minutes, rates in percent, CSAT mean rating, effort minutes, backlog open items)' },
    windowDays: { type: 'integer', minimum: 1, maximum: MAX_WINDOW_DAYS, default: 30, description: 'the figure at a date is the metric over this many UTC days ending on it' },
    baselineAt: { ...date, description: 'today or earlier: the baseline is measured over the window ending on it, and recorded' },
    target: { type: 'number' },
    direction: { type: 'string', enum: ['lower', 'higher'], description: 'which way is better' },
    dueDate: { ...date, description: 'after baselineAt' },
    owner: { ...id, description: 'a user who owns the initiative' },
  }),
  revise: obj(['reason'], { target: { type: 'number' }, dueDate: date, reason }),
  changeOwner: obj(['owner'], { owner: id, reason }),
  close: obj(['outcome'], { outcome: { type: 'string', enum: ['achieved', 'abandoned'], description: 'achieved only when the figure measured now meets the target' }, reason: { ...reason, description: 'required to abandon' } }),
};
