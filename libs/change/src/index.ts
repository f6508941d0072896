export * from './change.errors';
export * from './data-finding';
export * from './risk/risk-questionnaire';
export * from './approvals/approval-rule';
export * from './schedule/planned-window';
export * from './schedule/freeze-windows';
export * from './schedule/collisions';
export * from './templates/standard-change-template';
