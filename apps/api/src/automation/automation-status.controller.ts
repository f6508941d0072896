import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READ_TICKETS, Roles } from '../auth/roles';
import { AutomationRunners, automationEnabled } from './automation-runners.service';

/**
 * Whether this instance applies the rules, and how far each runner has got. A rule published
 * while automation is off does nothing here: this says so, instead of leaving an owner guessing.
 */
@ApiTags('automation')
@Controller('automation')
export class AutomationStatusController {
  constructor(@Inject(AutomationRunners) private readonly runners: AutomationRunners) {}

  @Get('status')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Whether this instance runs the automation rules (ITIL_POLICIES=on), each runner’s position and outcomes, timers waiting', description: 'Positions are $all positions as strings.' })
  status() {
    const { runners, timersWaiting } = this.runners.status();
    return {
      enabled: automationEnabled(),
      timersWaiting,
      // Positions are bigints: strings in JSON.
      runners: runners.map((r) => ({ ...r, position: r.position?.toString() ?? null, checkpoint: r.checkpoint?.toString() ?? null })),
    };
  }
}
