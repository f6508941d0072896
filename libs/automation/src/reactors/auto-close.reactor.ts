import { addBusinessTime } from '@itil/business-time';
import type { Command, CommandPipeline, Decider, StoredEvent } from '@itil/engine';
import type { Reaction, Reactor } from '@itil/reactors';
import { ruleActor, type AutoCloseRule, type VersionedRule } from '../rules/automation-rule.types';
import { matchRule } from '../rules/match-rule';
import { RuleBookReader } from '../rules/rule-book';
import { autoCloseTimerDecider, timerStream, type AutoCloseScheduledData, type AutoCloseTimerCommand } from '../timers/auto-close-timer';
import { categoryOf, deciderOf, factsOf, lastResolution, moveCategories, ticketAt, streamPrefixes, type Deciders } from './ticket-access';

export interface AutoCloseOptions {
  deciders: Deciders;
  rules: RuleBookReader;
  /** Reads streams for the reactor (the ticket as it stood at the trigger, the timer's facts). */
  pipeline: CommandPipeline;
}

const RESOLVED = 'resolved';
const timerDecider = autoCloseTimerDecider as unknown as Decider<Command, never, unknown>;
const send = (stream: string, command: Omit<AutoCloseTimerCommand, 'metadata'>, actor: string): Reaction => ({ streamId: stream, decider: timerDecider, command, actor });

/**
 * Auto-close (issue 17 item 8; the incident's "auto-close period" of its resolved state): a move
 * into a resolved state starts the timer of the first auto-close rule matching the ticket, due
 * the rule's business minutes after the resolution in the rule's calendar; a move out of the
 * resolved state (a reopen, a close by someone) ends it. Both are facts on the timer's stream as
 * the rule version, with causation the ticket's move. The close itself is sent when the timer is
 * due, by AutoCloseTimers, which checks again that this resolution still stands.
 *
 * Every answer is a function of the log up to the trigger (the ticket as it stood then, the rule
 * versions published before it), never of what happened since: a replay after a crash sends the
 * same command as the same actor, and the runner's idempotency key makes it write nothing.
 */
export function autoCloseScheduling(options: AutoCloseOptions): Reactor {
  return {
    name: 'automation-auto-close',
    filter: { streamNamePrefixes: [...streamPrefixes(options.deciders), ...RuleBookReader.prefixes] },
    async react(event: StoredEvent): Promise<Reaction[]> {
      if (options.rules.observe(event)) return [];
      const decider = deciderOf(options.deciders, event.streamId);
      if (!decider || !(event.data as { via?: unknown }).via) return [];
      const move = event.data as { from: string; to: string; via: string };
      // Most moves (assign, start work, pend) neither enter nor leave a resolved state: the
      // envelope's lifecycle version says so without reading the ticket's whole stream.
      const quick = moveCategories(decider, event, move);
      if (quick && (quick.from === RESOLVED) === (quick.to === RESOLVED)) return [];
      const { ticket, events } = await ticketAt(options.pipeline, decider, event.streamId, event.revision);
      const [from, to] = [categoryOf(decider, ticket, move.from), categoryOf(decider, ticket, move.to)];
      const stream = timerStream(event.streamId);
      if (from !== RESOLVED && to === RESOLVED) {
        const rule = matchRule((await options.rules.at(event.position, 'auto-close')) as VersionedRule<AutoCloseRule>[], 'auto-close', factsOf(decider.def.process, ticket.fields));
        if (!rule) return [];
        const resolvedAt = new Date(event.envelope.occurredAt);
        const dueAt = new Date(addBusinessTime(rule.then.calendar, resolvedAt, rule.then.businessMinutes * 60_000));
        const data: AutoCloseScheduledData = { ticketStream: event.streamId, trigger: event.id, rule: { id: rule.id, version: rule.version }, resolvedAt: resolvedAt.toISOString(), businessMinutes: rule.then.businessMinutes, dueAt: dueAt.toISOString() };
        return [send(stream, { type: 'ScheduleAutoClose', data }, ruleActor(rule))];
      }
      if (from === RESOLVED && to !== RESOLVED) {
        const trigger = lastResolution(decider, ticket, events.slice(0, -1));
        const scheduled = (await options.pipeline.read(stream)).find((e) => e.type === 'AutoCloseScheduled' && (e.data as AutoCloseScheduledData).trigger === trigger?.id);
        if (!trigger || !scheduled) return [];
        const actor = ruleActor((scheduled.data as AutoCloseScheduledData).rule);
        // The rule's own close is the one it sent as itself, caused by this timer.
        const completed = event.envelope.actor === actor && event.envelope.causationId === scheduled.id;
        return [send(stream, { type: 'EndAutoClose', data: { ticketStream: event.streamId, trigger: trigger.id, endedBy: event.id, endedVia: move.via, completed } }, actor)];
      }
      return [];
    },
  };
}
