import { commonGuards } from '@itil/tickets';
import { fieldOf, hasFields, mergeGuards, type GuardRegistry } from '@itil/workflow';

/** Every guard the release lifecycles (state-machines/release.json and its versions) may name. */
export const releaseGuards: GuardRegistry = mergeGuards(commonGuards, {
  /** A release plan bundles at least one change and names its deployment window. */
  hasReleasePlan: (input) => {
    const changes = fieldOf(input, 'changeIds');
    return Array.isArray(changes) && changes.length > 0 && hasFields('deploymentWindowStart', 'deploymentWindowEnd')(input);
  },
  hasBuildArtifact: hasFields('buildArtifact'),
  hasTestEvidence: hasFields('testReport'),
  /** Deploy only inside the deployment window: the command says when it runs (`at`). */
  isWithinDeploymentWindow: (input) => {
    const at = Date.parse(String(input.event.at ?? ''));
    const start = Date.parse(String(fieldOf(input, 'deploymentWindowStart') ?? ''));
    const end = Date.parse(String(fieldOf(input, 'deploymentWindowEnd') ?? ''));
    return Number.isFinite(at) && at >= start && at <= end;
  },
});
