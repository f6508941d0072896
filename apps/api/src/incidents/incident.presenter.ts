import type { CommandResult, StoredEvent } from '@itil/engine';
import type { Incident, IncidentEvent } from '@itil/incident';
import type { IncidentView } from '@itil/incident/nest';

/** JSON shapes of the incident API. Revisions are numbers; `$all` positions are strings (64-bit). */
export const presentIncident = ({ incident, revision, allowedEvents }: IncidentView) => ({
  ...withoutFlags(incident),
  revision: Number(revision),
  allowedEvents,
});

export const presentCommandResult = (result: CommandResult<Incident, IncidentEvent>) => ({
  id: result.state.id,
  status: result.state.status,
  revision: Number(result.revision),
  replayed: result.replayed,
  /** `$all` position of the last event: pass it as `?after=` to a read-model query to read your write. */
  position: result.position === undefined ? null : result.position.toString(),
  events: result.events.map((e) => ({ id: e.id, type: e.type, revision: Number(e.revision) })),
});

export const presentEvent = (e: StoredEvent<IncidentEvent>) => ({
  id: e.id,
  type: e.type,
  revision: Number(e.revision),
  position: e.position.toString(),
  recordedAt: e.recordedAt.toISOString(),
  data: e.data,
  envelope: e.envelope,
});

function withoutFlags(incident: Incident): Omit<Incident, 'exists'> {
  const { exists: _exists, ...rest } = incident;
  return rest;
}
