import { randomUUID } from 'node:crypto';
import type { ApiProcess } from './api-process';
import type { PacedRequest } from './paced-load';

const INCIDENT = JSON.stringify({ title: 'VPN down for the Leeds office', caller: 'caller:bob', impact: 'high', urgency: 'medium' });

/** POST /incidents, as an agent logs a call. */
export const creation = (api: ApiProcess) => (): PacedRequest => ({ method: 'POST', path: '/incidents', body: INCIDENT, headers: { authorization: api.authorization } });

/** Opens `count` incidents to move later; the load then reassigns them round-robin (ASSIGN is allowed in `assigned`). */
export async function openIncidents(api: ApiProcess, count: number): Promise<string[]> {
  const ids: string[] = [];
  const headers = { 'content-type': 'application/json', authorization: api.authorization };
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${api.origin}/incidents`, { method: 'POST', headers, body: INCIDENT });
    const { id } = (await res.json()) as { id: string };
    const assigned = await fetch(`${api.origin}/incidents/${id}/assign`, { method: 'POST', headers, body: JSON.stringify({ assignmentGroup: 'network' }) });
    if (!assigned.ok) throw new Error(`bench: could not set up incident ${id}: ${assigned.status} ${await assigned.text()}`);
    ids.push(id);
  }
  return ids;
}

/** POST /incidents/:id/assign round-robin over `ids`, alternating two groups, each with its own Idempotency-Key. */
export const transition = (api: ApiProcess, ids: string[]) => (i: number): PacedRequest => ({
  method: 'POST',
  path: `/incidents/${ids[i % ids.length]}/assign`,
  body: JSON.stringify({ assignmentGroup: i % 2 ? 'network' : 'service-desk' }),
  headers: { authorization: api.authorization, 'idempotency-key': randomUUID() },
});
