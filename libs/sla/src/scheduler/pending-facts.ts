import { envelop } from '@itil/engine';
import type { EventData } from '@itil/event-store';
import type { SlaDefinitions } from '../definitions/sla-definitions';
import type { SlaClockKind } from '../documents/sla-policy.types';
import { derivedId } from '@itil/engine';
import { escalationEventId, factEventId, policyActor, slaStreamOf, type SlaClockEvent } from '../clock/sla-clock.events';
import { clockModels, nextThresholdFact, retargetFacts, thresholdFacts, type ThresholdFact } from '../clock/sla-status';
import type { TicketSla } from '../clock/ticket-sla.fold';

export const SCHEDULER_ACTOR = 'system:sla-scheduler';

/** The earliest warning or breach instant not yet recorded (it may be in the past: catch-up). */
export function nextDueOf(t: TicketSla, defs: SlaDefinitions): number | undefined {
  let next: number | undefined;
  for (const model of clockModels(t, defs)) {
    const threshold = nextThresholdFact(model, t.recorded);
    for (const f of threshold ? [...retargetFacts(model), threshold] : retargetFacts(model)) if (!t.recorded.has(f.key) && (next === undefined || f.at < next)) next = f.at;
  }
  return next;
}

/**
 * The events to append for every threshold reached by `now` and not yet recorded, in the order
 * they happened: the warning or breach (occurred-at: the instant it really happened, even when a
 * scheduler records it late), then each configured escalation step, whose actor is the policy and
 * whose causation is that warning or breach. Ids are derived from the fact, so whoever writes it
 * first writes it once. The hash chain goes on from the `sla-` stream's last event.
 */
export function pendingEvents(t: TicketSla, defs: SlaDefinitions, now: number): { events: EventData[]; facts: ThresholdFact[]; retargets: { clock: SlaClockKind; baseline: number; causedBy: string }[] } {
  const due: { fact: ThresholdFact; model: ReturnType<typeof clockModels>[number] }[] = [];
  for (const model of clockModels(t, defs)) {
    for (const fact of thresholdFacts(model)) if (fact.at <= now && !t.recorded.has(fact.key)) due.push({ fact, model });
  }
  due.sort((a, b) => a.fact.at - b.fact.at || a.fact.percent - b.fact.percent || a.fact.clock.localeCompare(b.fact.clock));
  const events: EventData[] = [];
  let previousHash = t.slaLastHash;
  const push = (event: SlaClockEvent, id: string, actor: string, at: number, causationId: string | null) => {
    const data = envelop(event, { id, streamId: slaStreamOf(t.ticketStream), revision: t.slaRevision + 1n + BigInt(events.length), actor, occurredAt: new Date(at), correlationId: t.ticketStream, causationId, machine: null, idempotencyKey: null, previousHash });
    previousHash = (data.metadata as { hash: string }).hash;
    events.push(data);
  };
  // Retargets first: they happened at the priority change, before any threshold they brought forward.
  for (const model of clockModels(t, defs)) {
    for (const r of retargetFacts(model)) {
      if (r.at > now || t.recorded.has(r.key)) continue;
      push(
        {
          type: 'SlaClockRetargeted',
          data: { ticketStream: t.ticketStream, clock: r.clock, baseline: r.baseline, fromPriority: r.from.priority, toPriority: r.to.priority, fromTargetMs: r.from.targetMs ?? null, toTargetMs: r.to.targetMs ?? null, retargetedAt: new Date(r.at).toISOString(), causedBy: r.to.causedBy, policy: model.pins.policy },
        },
        derivedId(`sla:${t.ticketStream}:${r.key}`),
        policyActor(model.pins.policy),
        r.at,
        r.to.causedBy,
      );
    }
  }
  for (const { fact, model } of due) {
    const common = { ticketStream: t.ticketStream, clock: fact.clock, baseline: fact.baseline, policy: model.pins.policy, calendar: model.pins.calendar, targetMs: fact.targetMs };
    const id = factEventId(t.ticketStream, fact.key);
    const at = new Date(fact.at).toISOString();
    const breach = fact.percent === 100;
    push(breach ? { type: 'SlaBreached', data: { ...common, breachedAt: at } } : { type: 'SlaWarningReached', data: { ...common, percent: fact.percent, reachedAt: at } }, id, SCHEDULER_ACTOR, fact.at, null);
    const actions = breach ? model.policy.breach.actions : (model.policy.warnings.find((w) => w.percent === fact.percent)?.actions ?? []);
    actions.forEach((action, step) =>
      push(
        { type: 'SlaEscalationTriggered', data: { ticketStream: t.ticketStream, clock: fact.clock, baseline: fact.baseline, trigger: breach ? 'breach' : 'warning', percent: fact.percent, step, action, policy: model.pins.policy } },
        escalationEventId(t.ticketStream, fact.key, step),
        policyActor(model.pins.policy),
        fact.at,
        id,
      ),
    );
  }
  return { events, facts: due.map((d) => d.fact), retargets: events.filter((e) => e.type === 'SlaClockRetargeted').map((e) => e.data as { clock: SlaClockKind; baseline: number; causedBy: string }) };
}
