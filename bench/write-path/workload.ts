/**
 * The one workload every contender of the write-path comparison runs: N incidents x 5 commands,
 * round-robin over the incidents (log, assign, start work, comment, resolve). Each command loads
 * the stream, folds it, checks the lifecycle allows the step, and appends with a revision check.
 */
export const STEPS = ['log', 'assign', 'start', 'comment', 'resolve'] as const;
export type Step = (typeof STEPS)[number];

/** The order commands are issued in: step-major, so consecutive commands touch other streams. */
export function* schedule(incidents: number): Generator<{ incident: number; step: Step }> {
  for (const step of STEPS) for (let incident = 0; incident < incidents; incident++) yield { incident, step };
}

/** The tiny lifecycle the raw loop and the Emmett decider check (what XState answers for the engine). */
export const ALLOWED: Record<string, Partial<Record<Step, string>>> = {
  none: { log: 'new' },
  new: { assign: 'assigned', comment: 'new' },
  assigned: { start: 'inProgress', comment: 'assigned', resolve: 'resolved' },
  inProgress: { comment: 'inProgress', resolve: 'resolved' },
};

export const EVENT_OF: Record<Step, string> = {
  log: 'IncidentLogged',
  assign: 'IncidentAssigned',
  start: 'IncidentWorkStarted',
  comment: 'IncidentCommented',
  resolve: 'IncidentResolved',
};

export const dataOf = (step: Step, incidentId: string): Record<string, unknown> => {
  switch (step) {
    case 'log':
      return { incidentId, title: 'VPN down for the Leeds office', caller: 'caller:bob', impact: 'high', urgency: 'medium' };
    case 'assign':
      return { incidentId, assignmentGroup: 'network', assignee: 'raj' };
    case 'start':
      return { incidentId };
    case 'comment':
      return { incidentId, text: 'ISP replaced the edge router' };
    case 'resolve':
      return { incidentId, resolutionCode: 'vendor-fix', resolutionNotes: 'Edge router replaced by the ISP' };
  }
};
