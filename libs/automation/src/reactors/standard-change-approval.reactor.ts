import type { StoredEvent } from '@itil/engine';
import type { Reaction, Reactor, ReactorContext } from '@itil/reactors';
import { kindOf, type ReferenceResolver, type TicketDecider, type TicketOpenedData } from '@itil/tickets';
import type { StandardChangeApprovalRule, VersionedRule } from '../rules/automation-rule.types';
import { matchRule } from '../rules/match-rule';
import { RuleBookReader } from '../rules/rule-book';
import { asReactionDecider, factsOf, readTicket, withReferences } from './ticket-access';

export interface StandardChangeApprovalOptions {
  change: TicketDecider;
  references: ReferenceResolver;
  rules: RuleBookReader;
  /** The lifecycle event that authorises a standard change from its template (`AUTHORISE_BY_TEMPLATE`). */
  event: string;
  /**
   * Who the change process accepts as the authority of a template version (change enablement's
   * `template:<id>@<version>`): the app passes it, so this generic lib knows no process's rules.
   */
  templateActor: (template: { id: string; version: number }) => string;
}

/**
 * A standard change is pre-authorised by its template (ITIL): when one is raised and the first
 * standard-change-approval rule matching it (by template, service or configuration item) is
 * enabled, it is authorised and scheduled without anyone pressing a button. Before this rule
 * nothing sent AUTHORISE_BY_TEMPLATE: a person with a template's credentials had to.
 *
 * The fact's actor is the template version, because change enablement accepts no other authority
 * for a standard change; the rule version that sent it is in the fact's note, and its causation
 * is the change's opening. (Making the rule the actor needs libs/change to accept `rule:` actors.)
 */
export function standardChangeApproval(options: StandardChangeApprovalOptions): Reactor {
  const prefix = `${options.change.def.process}-`;
  return {
    name: 'automation-standard-change-approval',
    filter: { streamNamePrefixes: [prefix, ...RuleBookReader.prefixes] },
    async react(event: StoredEvent, context: ReactorContext): Promise<Reaction[]> {
      if (options.rules.observe(event)) return [];
      if (!event.streamId.startsWith(prefix) || kindOf(event) !== 'opened') return [];
      const opened = event.data as TicketOpenedData;
      const template = opened.fields.template as { id?: unknown; version?: unknown } | null | undefined;
      if (typeof template?.id !== 'string' || typeof template.version !== 'number') return [];
      const rules = (await options.rules.at(event.position, 'standard-change-approval')) as VersionedRule<StandardChangeApprovalRule>[];
      const rule = matchRule(rules, 'standard-change-approval', factsOf(options.change.def.process, opened.fields));
      if (!rule) return [];
      const ticket = await readTicket(context, options.change, event.streamId);
      if (!ticket.exists || ticket.state !== opened.state) return []; // someone moved it first
      const input = { note: `Authorised by template ${template.id} v${template.version} through automation rule ${rule.id} v${rule.version}` };
      const command = await withReferences(options.change, options.references, ticket, { type: 'MoveTicket', data: { ticketId: ticket.id, event: options.event, input } });
      return [{ streamId: event.streamId, decider: asReactionDecider(options.change), command, actor: options.templateActor({ id: template.id, version: template.version }) }];
    },
  };
}
