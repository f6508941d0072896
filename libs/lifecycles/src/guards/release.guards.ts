import { fieldOf, type GuardRegistry } from '@itil/workflow';
import { has } from './common.guards';

/** Guards of state-machines/release.json. */
export const releaseGuards: GuardRegistry = {
  /** A release plan bundles at least one change and names its deployment window. */
  hasReleasePlan: (input) => {
    const changes = fieldOf(input, 'changeIds');
    return Array.isArray(changes) && changes.length > 0 && has('deploymentWindowStart', 'deploymentWindowEnd')(input);
  },
  hasBuildArtifact: has('buildArtifact'),
  hasTestEvidence: has('testReport'),
  /** Deploy only inside the deployment window: the command says when it runs (`at`). */
  isWithinDeploymentWindow: (input) => {
    const at = Date.parse(String(input.event.at ?? ''));
    const start = Date.parse(String(fieldOf(input, 'deploymentWindowStart') ?? ''));
    const end = Date.parse(String(fieldOf(input, 'deploymentWindowEnd') ?? ''));
    return Number.isFinite(at) && at >= start && at <= end;
  },
};
