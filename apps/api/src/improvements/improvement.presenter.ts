import { unwrap, type CommandResult, type DomainEvent } from '@itil/engine';
import type { RecordedEvent } from '@itil/event-store';
import type { Initiative, InitiativeView, Progress } from '@itil/improvement';
import type { Response } from 'express';

/** An initiative as the API shows it; `final` is not repeated: it is the progress of a closed one. */
export function presentInitiative(initiative: Initiative, revision: bigint, progress?: Progress) {
  const { final: _final, ...rest } = initiative;
  return { ...rest, revision: Number(revision), ...(progress ? { progress } : {}) };
}

export const presentView = (v: InitiativeView) => presentInitiative(v.initiative, v.revision, v.progress);

/** One CSV row per initiative: its numbers side by side, as a register is read in a spreadsheet. */
export const csvRow = (v: InitiativeView) => ({
  id: v.initiative.id,
  title: v.initiative.title,
  service: v.initiative.service,
  metric: v.initiative.metric,
  figure: v.initiative.figure,
  windowDays: v.initiative.windowDays,
  owner: v.initiative.owner,
  status: v.initiative.status,
  baselineAt: v.initiative.baselineAt,
  baseline: v.initiative.baseline.value,
  direction: v.initiative.direction,
  target: v.initiative.target,
  dueDate: v.initiative.dueDate,
  currentFrom: v.progress.current.from,
  currentTo: v.progress.current.to,
  current: v.progress.current.value,
  delta: v.progress.delta,
  percentToTarget: v.progress.percentToTarget,
  standing: v.progress.standing,
});

/** A command's answer: the initiative, its revision (also the ETag), the events written. */
export function presentResult(res: Response, result: CommandResult<Initiative | null, DomainEvent>) {
  res.setHeader('ETag', `"${result.revision}"`);
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return {
    ...(result.state ? presentInitiative(result.state, result.revision) : {}),
    replayed: result.replayed,
    events: result.events.map((e) => ({ id: e.id, type: e.type, revision: Number(e.revision) })),
  };
}

export const presentEvents = (events: RecordedEvent[]) =>
  events.map(unwrap).map((e) => ({ id: e.id, type: e.type, revision: Number(e.revision), position: e.position.toString(), recordedAt: e.recordedAt.toISOString(), data: e.data, envelope: e.envelope }));
