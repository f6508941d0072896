import type { StoredEvent } from '@itil/engine';
import type { Reaction, Reactor, ReactorContext } from '@itil/reactors';
import { kindOf, type ReferenceResolver, type TicketOpenedData } from '@itil/tickets';
import { ruleActor, type AutoAssignRule, type VersionedRule } from '../rules/automation-rule.types';
import { matchRule } from '../rules/match-rule';
import { RuleBookReader } from '../rules/rule-book';
import { asReactionDecider, deciderOf, factsOf, readTicket, streamPrefixes, withReferences, type Deciders } from './ticket-access';

export interface AutoAssignOptions {
  deciders: Deciders;
  references: ReferenceResolver;
  rules: RuleBookReader;
}

/**
 * A new ticket logged with no assignment group and no assignee goes to the group (and person)
 * of the first auto-assign rule matching its service, category or configuration item, as that
 * rule's version: `rule:<id>@<version>`, with the opening as causation. A ticket someone
 * assigned or moved before the rule got to it is left alone: the rule never overrides a person.
 */
export function autoAssign(options: AutoAssignOptions): Reactor {
  return {
    name: 'automation-auto-assign',
    filter: { streamNamePrefixes: [...streamPrefixes(options.deciders), ...RuleBookReader.prefixes] },
    async react(event: StoredEvent, context: ReactorContext): Promise<Reaction[]> {
      if (options.rules.observe(event)) return [];
      const decider = deciderOf(options.deciders, event.streamId);
      if (!decider || kindOf(event) !== 'opened') return [];
      const opened = event.data as TicketOpenedData;
      if (opened.fields.assignmentGroup != null || opened.fields.assignee != null) return [];
      const rule = matchRule((await options.rules.at(event.position, 'auto-assign')) as VersionedRule<AutoAssignRule>[], 'auto-assign', factsOf(decider.def.process, opened.fields));
      if (!rule) return [];
      const ticket = await readTicket(context, decider, event.streamId);
      if (!ticket.exists || ticket.state !== opened.state || ticket.fields.assignmentGroup != null || ticket.fields.assignee != null) return [];
      const input: Record<string, unknown> = { assignmentGroup: rule.then.assignmentGroup, note: `Assigned by automation rule ${rule.id} v${rule.version}` };
      if (rule.then.assignee !== undefined) input.assignee = rule.then.assignee;
      const command = await withReferences(decider, options.references, ticket, { type: 'MoveTicket', data: { ticketId: ticket.id, event: 'ASSIGN', input } });
      return [{ streamId: event.streamId, decider: asReactionDecider(decider), command, actor: ruleActor(rule) }];
    },
  };
}
