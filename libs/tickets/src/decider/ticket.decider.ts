import type { Decider } from '@itil/engine';
import type { JsonValue } from '@itil/event-store';
import type { Lifecycle, LifecycleCatalog } from '@itil/workflow';
import { checkValue, pathOf } from '../fields/check-value';
import { SET_ON_OPEN, SET_ON_UPDATE, type FieldType } from '../fields/field-types';
import { viewOf, type VersionView } from '../lifecycle/version-view';
import type { Offer, PolicyInput } from '../policies/policy';
import type { ProcessDefinition } from '../process-definition';
import { emptySnapshot, type ReferenceQuery, type ReferenceSnapshot } from '../references/reference-resolver.port';
import type { TicketCommand } from '../ticket.commands';
import { kindOf, type FieldValues, type TicketEvent } from '../ticket.events';
import type { Ticket } from '../ticket.state';
import { initialTicket } from '../ticket.state';
import {
  TicketAlreadyOpenedError,
  TicketFrozenError,
  TicketInputInvalidError,
  TicketInputNotAllowedError,
  TicketNotFoundError,
} from '../tickets.errors';
import { checkReferences } from './check-references';
import { blankRequired, mapInput, type MappedInput } from './map-input';
import { decideComment, decideLink, decideUnlink, decideWorkLog } from './record-commands';
import { evolveTicket, typeOf } from './ticket.evolve';

const NOTE: FieldType = { kind: 'text', maxLength: 10_000, multiline: true };

export interface TicketDecider extends Decider<TicketCommand, TicketEvent, Ticket> {
  readonly def: ProcessDefinition;
  /** The pinned lifecycle version of a ticket, as the engine sees it. */
  viewFor(ticket: Ticket): VersionView;
  /** The view new tickets open on. */
  latestView(machineId?: string): VersionView;
  /** References the policies need to compute offers for a ticket. */
  offerReferences(ticket: Ticket): ReferenceQuery[];
  offers(ticket: Ticket, references: ReferenceSnapshot): Offer[];
}

/** The one decider: open, move, update fields, comment, log work, link and unlink, for any process. */
export function createTicketDecider(def: ProcessDefinition, catalog: LifecycleCatalog): TicketDecider {
  const evolve = evolveTicket(def);
  const policies = Object.keys(def.policies).sort().map((name) => [name, def.policies[name]] as const);
  const lifecycleOf = (s: Ticket): Lifecycle => catalog.get(s.lifecycle!.id, s.lifecycle!.version);
  const viewFor = (s: Ticket) => viewOf(def, lifecycleOf(s));

  function decide(c: TicketCommand, s: Ticket): TicketEvent[] {
    const refs = c.references ?? emptySnapshot();
    if (c.type === 'OpenTicket') return [open(c.data.ticketId, c.data.input, c.data.lifecycle, c, s, refs)];
    if (!s.exists) throw new TicketNotFoundError(def.process, c.data.ticketId);
    const view = viewFor(s);
    if (c.type === 'MoveTicket') return [move(view, c.data.event, c.data.input, c, s, refs)];
    if (view.lifecycle.isFinal(s.state)) throw new TicketFrozenError(s.id, s.state);
    switch (c.type) {
      case 'UpdateTicketFields':
        return [update(view, c.data.input, c, s, refs)];
      case 'CommentOnTicket':
        return [decideComment(def, s, c.data.input)];
      case 'LogWorkOnTicket':
        return [decideWorkLog(def, s, c.data.input, c.metadata.actor)];
      case 'LinkTicket':
        return [decideLink(def, s, c.data.input, refs)];
      case 'UnlinkTicket':
        return [decideUnlink(def, s, c.data.linkId)];
      default: {
        const unknown: never = c;
        return unknown;
      }
    }
  }

  function open(ticketId: string, input: Record<string, unknown>, machine: string | undefined, c: TicketCommand, s: Ticket, refs: ReferenceSnapshot): TicketEvent {
    if (s.exists) throw new TicketAlreadyOpenedError(def.process, ticketId);
    const machineId = machine ?? def.lifecycles[0];
    if (!def.lifecycles.includes(machineId)) {
      throw new TicketInputInvalidError(def.process, [{ path: '$.lifecycle', code: 'NOT_IN_ENUM', message: `must be one of ${def.lifecycles.join(', ')}` }]);
    }
    const view = viewOf(def, catalog.latest(machineId));
    const mapped = mapInput(view, input, SET_ON_OPEN, null);
    const required = Object.entries(view.dictionary).filter(([, f]) => f.requiredOnOpen).map(([name]) => name);
    const state = view.lifecycle.initialState;
    const requiredHere = new Set([...required, ...view.stateRequires(state)]);
    for (const field of required) {
      if (!(field in mapped.fields) && ![...mapped.keyOf.values()].includes(field)) {
        const key = [...view.settableBy(SET_ON_OPEN, null)].find(([, f]) => f === field)?.[0] ?? field;
        mapped.invalid.push({ path: pathOf(key), code: 'REQUIRED', message: 'is required' });
      }
    }
    mapped.invalid.push(...blankRequired(mapped, requiredHere));
    refuse(mapped);
    const setting = applyPolicies(view, c, initialTicket(), state, null, mapped, refs);
    return {
      type: def.opened,
      data: { ticketId, process: def.process, lifecycle: { id: view.lifecycle.machineId, version: view.lifecycle.version.version }, state, fields: setting, openedAt: c.metadata.now.toISOString() },
    };
  }

  function move(view: VersionView, event: string, input: Record<string, unknown>, c: TicketCommand, s: Ticket, refs: ReferenceSnapshot): TicketEvent {
    // An event the state does not have is refused as such (422, naming the events it has), before its fields.
    if (view.candidates(s.state, event).length === 0) view.lifecycle.evaluate(s.state, { type: event }, s.fields);
    const noteErrors = input.note === undefined || input.note === null ? [] : checkValue(NOTE, input.note, '$.note');
    const mapped = mapInput(view, input, event, s.state, ['note']);
    mapped.invalid.push(...noteErrors);
    if (mapped.invalid.length > 0) throw new TicketInputInvalidError(def.process, mapped.invalid);
    // Guards see the command as sent (aliases such as `reason`) and the dictionary names.
    const outcome = view.lifecycle.evaluate(s.state, { ...input, ...mapped.fields, type: event }, s.fields);
    const taken = view.taken(outcome.from, event, outcome.to);
    for (const [field, pinned] of Object.entries(taken?.meta?.sets ?? {})) {
      const key = mapped.keyOf.get(field) ?? field;
      if (key in input && JSON.stringify(input[key]) !== JSON.stringify(pinned)) {
        mapped.notAllowed.push({ path: pathOf(key), code: 'PINNED', message: `${event} sets '${field}' to ${JSON.stringify(pinned)}: no other value is accepted` });
      }
      mapped.fields[field] = pinned;
    }
    mapped.invalid.push(...blankRequired(mapped, outcome.requiredFields));
    refuse(mapped);
    const setting = applyPolicies(view, c, s, outcome.to, event, mapped, refs);
    view.lifecycle.requireFields(outcome, { ...s.fields, ...setting });
    return {
      type: view.recordsOf(taken, event),
      data: { ticketId: s.id, from: outcome.from, to: outcome.to, via: event, fields: setting, previous: previousOf(s, setting), note: typeof input.note === 'string' ? input.note : null },
    };
  }

  function update(view: VersionView, input: Record<string, unknown>, c: TicketCommand, s: Ticket, refs: ReferenceSnapshot): TicketEvent {
    const mapped = mapInput(view, input, SET_ON_UPDATE, s.state);
    if (Object.keys(input).length === 0) mapped.invalid.push({ path: '$', code: 'REQUIRED', message: 'name at least one field to update' });
    mapped.invalid.push(...blankRequired(mapped, view.stateRequires(s.state)));
    refuse(mapped);
    const setting = applyPolicies(view, c, s, s.state, null, mapped, refs);
    return { type: typeOf(def, 'fieldsUpdated'), data: { ticketId: s.id, fields: setting, previous: previousOf(s, setting) } };
  }

  /** Policies derive fields in name order, then references are checked, then policies may refuse. */
  function applyPolicies(view: VersionView, c: TicketCommand, before: Ticket, to: string, via: string | null, mapped: MappedInput, refs: ReferenceSnapshot): FieldValues {
    const setting: FieldValues = { ...mapped.fields };
    // One input while `setting` stays the same (policies only read it); a derived value makes a new one.
    let current: PolicyInput | undefined;
    const input = (): PolicyInput =>
      (current ??= { command: c, before, to, via, setting, after: { ...before.fields, ...setting }, dictionary: view.dictionary, references: refs, categoryOf: view.categoryOf });
    for (const [, policy] of policies) {
      const derived = policy.derive?.(input()) ?? {};
      for (const [field, value] of Object.entries(derived)) {
        if (JSON.stringify(value) !== JSON.stringify(before.fields[field] ?? null) || field in setting) {
          setting[field] = value;
          current = undefined;
        }
      }
    }
    const extra = policies.flatMap(([, p]) => p.references?.(before) ?? []);
    const problems = checkReferences(view.dictionary, setting, { ...before.fields, ...setting }, mapped.keyOf, refs, extra);
    if (problems.length > 0) throw new TicketInputNotAllowedError(def.process, problems);
    for (const [, policy] of policies) policy.check?.(input());
    return setting;
  }

  function refuse(mapped: MappedInput): void {
    if (mapped.invalid.length > 0) throw new TicketInputInvalidError(def.process, mapped.invalid);
    if (mapped.notAllowed.length > 0) throw new TicketInputNotAllowedError(def.process, mapped.notAllowed);
  }

  return {
    def,
    initialState: initialTicket,
    evolve,
    // Facts of this process by their shape or suffix (see kindOf); any other event is skipped by folds.
    knows: (e): e is TicketEvent => e.type === def.opened || kindOf(e as TicketEvent) !== undefined,
    decide,
    machineOf: (s) => s.lifecycle,
    viewFor,
    latestView: (machineId = def.lifecycles[0]) => viewOf(def, catalog.latest(machineId)),
    offerReferences: (ticket) => policies.flatMap(([, p]) => p.references?.(ticket) ?? []),
    offers: (ticket, references) => {
      const view = viewFor(ticket);
      return policies.flatMap(([, p]) => p.offers?.({ ticket, references, categoryOf: view.categoryOf }) ?? []);
    },
  };
}

function previousOf(s: Ticket, setting: FieldValues): FieldValues {
  return Object.fromEntries(Object.keys(setting).map((f) => [f, (s.fields[f] ?? null) as JsonValue]));
}
