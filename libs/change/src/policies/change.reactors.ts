import type { StoredEvent } from '@itil/engine';
import type { Reaction, Reactor, ReactorContext } from '@itil/reactors';
import type { LinkTarget, ReferenceResolver, Ticket, TicketDecider } from '@itil/tickets';
import { collisionsOf, HOLDS_WINDOW } from '../schedule/collisions';
import { withReferences } from './decide-with-references';
import type { Collision } from '../schedule/collisions';
import { asReactionDecider, keepField, listOf, readTicket } from './reaction-helpers';

interface Facts {
  ticketId?: string;
  fields?: Record<string, unknown>;
  previous?: Record<string, unknown>;
  to?: string;
  via?: string;
  kind?: string;
  target?: LinkTarget;
}
const factsOf = (event: StoredEvent): Facts => (event.data ?? {}) as Facts;
const idOf = (event: StoredEvent, prefix: string): string => event.streamId.slice(prefix.length);
const collisionsIn = (value: unknown): Collision[] => (Array.isArray(value) ? (value as Collision[]) : []);

/** Whether two changes collide now, from both tickets as they are (the same answer from either side). */
function collisionBetween(self: Ticket, other: Ticket): Collision | undefined {
  const window = (t: Ticket) => (typeof t.fields.plannedStart === 'string' && typeof t.fields.plannedEnd === 'string' ? { start: t.fields.plannedStart, end: t.fields.plannedEnd } : null);
  const [mine, theirs] = [window(self), window(other)];
  if (!mine || !theirs || !self.exists || !other.exists || !HOLDS_WINDOW.includes(self.state)) return undefined;
  return collisionsOf({ changeId: self.id, window: mine, configurationItems: listOf(self.fields.configurationItems) }, [
    { changeId: other.id, state: other.state, window: theirs, configurationItems: listOf(other.fields.configurationItems) },
  ])[0];
}

const withEntry = (list: Collision[], id: string, entry: Collision | undefined): Collision[] =>
  [...list.filter((c) => c.changeId !== id), ...(entry ? [entry] : [])].sort((a, b) => a.changeId.localeCompare(b.changeId));

/**
 * A collision found when a change is scheduled (or cleared when it moves) is recorded on the
 * other change too. Each pair is judged again from both changes as they are now, never from the
 * fact alone, so acting late or twice on an old fact (a lost checkpoint, a second runner, facts
 * of both sides in flight) converges on the same answer on both changes and then writes nothing.
 */
export function changeCollisions(change: TicketDecider, references: ReferenceResolver): Reactor {
  return {
    name: 'change-collisions',
    filter: { streamNamePrefixes: ['change-'] },
    async react(event: StoredEvent, context: ReactorContext): Promise<Reaction[]> {
      const d = factsOf(event);
      if (!d.fields || !('collisions' in d.fields)) return [];
      const self = await readTicket(context, change, idOf(event, 'change-'));
      const others = new Set([...collisionsIn(d.fields.collisions), ...collisionsIn(d.previous?.collisions), ...collisionsIn(self.fields.collisions)].map((c) => c.changeId));
      const reactions: Reaction[] = [];
      let selfList = collisionsIn(self.fields.collisions);
      for (const id of [...others].sort()) {
        const other = await readTicket(context, change, id);
        const seen = collisionBetween(self, other);
        const seenFromThere = collisionBetween(other, self);
        reactions.push(...(await keepField(change, references, other, 'collisions', withEntry(collisionsIn(other.fields.collisions), self.id, seenFromThere && seen ? seenFromThere : undefined))));
        selfList = withEntry(selfList, id, seen && seenFromThere ? seen : undefined);
      }
      reactions.push(...(await keepField(change, references, self, 'collisions', selfList)));
      return reactions;
    },
  };
}

/** An incident linked as caused by a change (kind caused-by-change) is recorded on the change. */
export function incidentCausedByChange(change: TicketDecider, references: ReferenceResolver): Reactor {
  return {
    name: 'incident-caused-by-change',
    filter: { streamNamePrefixes: ['incident-'] },
    async react(event: StoredEvent, context: ReactorContext): Promise<Reaction[]> {
      const d = factsOf(event);
      if (d.kind !== 'caused-by-change' || d.target?.type !== 'ticket' || d.target.process !== 'change') return [];
      const ticket = await readTicket(context, change, d.target.id);
      const incident = idOf(event, 'incident-');
      const caused = listOf(ticket.fields.causedIncidents);
      return caused.includes(incident) ? [] : keepField(change, references, ticket, 'causedIncidents', [...caused, incident]);
    },
  };
}

/** A problem linked to the change that resolves it (kind resolved-by-change) is recorded on the change, so a failure can reach it. */
export function problemChangeLink(change: TicketDecider, references: ReferenceResolver): Reactor {
  return {
    name: 'problem-change-link',
    filter: { streamNamePrefixes: ['problem-'] },
    async react(event: StoredEvent, context: ReactorContext): Promise<Reaction[]> {
      const d = factsOf(event);
      if (d.kind !== 'resolved-by-change' || d.target?.type !== 'ticket') return [];
      const ticket = await readTicket(context, change, d.target.id);
      const problem = idOf(event, 'problem-');
      const problems = listOf(ticket.fields.problems);
      return problems.includes(problem) ? [] : keepField(change, references, ticket, 'problems', [...problems, problem]);
    },
  };
}

/** The changes a release bundles are recorded as belonging to it (the change refuses a second release: policy oneRelease). */
export function releaseMembership(change: TicketDecider, references: ReferenceResolver): Reactor {
  return {
    name: 'release-membership',
    filter: { streamNamePrefixes: ['release-'] },
    async react(event: StoredEvent, context: ReactorContext): Promise<Reaction[]> {
      const d = factsOf(event);
      if (!d.fields || !('changeIds' in d.fields)) return [];
      const release = idOf(event, 'release-');
      const now = listOf(d.fields.changeIds);
      const dropped = listOf(d.previous?.changeIds).filter((id) => !now.includes(id));
      const reactions: Reaction[] = [];
      for (const id of [...now].sort()) reactions.push(...(await keepField(change, references, await readTicket(context, change, id), 'release', release)));
      for (const id of dropped.sort()) {
        const ticket = await readTicket(context, change, id);
        if (ticket.fields.release === release) reactions.push(...(await keepField(change, references, ticket, 'release', null)));
      }
      return reactions;
    },
  };
}

/**
 * A change closed failed or backed out is visible where it matters: on its release (listed in
 * `failedChanges`) and on each problem it was to resolve (sent back with CHANGE_FAILED, a fact of
 * the problem's own lifecycle; a problem not waiting on the change refuses, and the refusal is recorded).
 */
export function changeFailureVisible(deciders: { change: TicketDecider; release: TicketDecider; problem: TicketDecider }, references: ReferenceResolver): Reactor {
  return {
    name: 'change-failure-visible',
    filter: { streamNamePrefixes: ['change-'] },
    async react(event: StoredEvent, context: ReactorContext): Promise<Reaction[]> {
      const d = factsOf(event);
      if (d.to !== 'closed') return [];
      const id = idOf(event, 'change-');
      const change = await readTicket(context, deciders.change, id);
      const outcome = change.fields.outcome;
      if (outcome !== 'failed' && outcome !== 'backedOut') return [];
      const reactions: Reaction[] = [];
      if (typeof change.fields.release === 'string') {
        const release = await readTicket(context, deciders.release, change.fields.release);
        const failed = listOf(release.fields.failedChanges);
        if (!failed.includes(id)) reactions.push(...(await keepField(deciders.release, references, release, 'failedChanges', [...failed, id])));
      }
      for (const problem of listOf(change.fields.problems).sort()) {
        const state = await readTicket(context, deciders.problem, problem);
        const command = await withReferences(deciders.problem, references, state, { type: 'MoveTicket', data: { ticketId: problem, event: 'CHANGE_FAILED', input: { note: `Change ${id} closed ${String(outcome)}` } } });
        reactions.push({ streamId: `problem-${problem}`, decider: asReactionDecider(deciders.problem), command });
      }
      return reactions;
    },
  };
}
