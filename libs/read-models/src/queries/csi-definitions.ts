/** The definition stated next to every CSI figure (BRIEF.md's CSI definitions, as computed here). */
export const CSI_METRICS = {
  mtta: 'MTTA: mean of (first acknowledgement or assignment - opened), in minutes, over tickets first acknowledged in the period. Acknowledged = the first event that sets an assignment group or assignee, or the first move out of a state of category "new".',
  mttr: 'MTTR (calendar time): mean of (resolved - opened), in minutes, over resolutions in the period (a ticket resolved again after a reopen counts again, measured from when it was opened). Business-time MTTR with paused time removed needs the SLA calendars: not computed yet.',
  'first-contact-resolution': 'First contact resolution %: incidents resolved for the first time in the period with no reassignment to another group before it / incidents resolved for the first time in the period x 100.',
  'reopen-rate': 'Reopen rate %: reopens in the period (a move from a "resolved" state back to an open one) / resolutions in the period x 100.',
  csat: 'CSAT: mean rating (1-5) and share of ratings >= 4, over ratings given in the period (field satisfactionRating); response rate % = ratings in the period / resolutions in the period x 100.',
  effort: 'Effort: sum of minutes worked (work-log entries) in the period, by the ticket\'s dimensions at the time of the entry.',
  'change-success': 'Change success rate %: changes closed in the period with outcome successful (or successful with issues) / changes closed in the period x 100; failed (including backout failed) and backed out shown separately. Emergency change rate % = emergency changes closed / all changes closed in the period x 100.',
  'backlog-aging': 'Backlog aging: items open at the time of the report (state category not resolved, closed or cancelled) by whole days since opened: 0-1, 2-5, 6-30, 31-90, >90.',
} as const;

export type CsiMetric = keyof typeof CSI_METRICS;
export const CSI_METRIC_NAMES = Object.keys(CSI_METRICS) as CsiMetric[];

export const PERIODS = ['day', 'week', 'month'] as const;
export type Period = (typeof PERIODS)[number];
/** Dimensions a report can be broken down by, and their columns. */
export const DIMENSIONS = { service: 'service', group: 'assignment_group', priority: 'priority', process: 'process' } as const;
export type Dimension = keyof typeof DIMENSIONS;
