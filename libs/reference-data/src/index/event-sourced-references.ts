import { emptySnapshot, queryKey, type ReferenceQuery, type ReferenceResolver, type ReferenceSnapshot } from '@itil/tickets';
import type { CatalogItem } from '../catalog-item/catalog-item.decider';
import { REFERENCE_ID } from '../reference-kinds';
import type { ReferenceIndex } from './reference-index';

/** Checks that may refuse read the record's stream tail (see ReferenceIndex.get). */
const FRESH = { fresh: true };

/** Answers a ticket reference (`ticket` queries): the engine's own read of its streams, supplied by the app. */
export type TicketLookup = (id: string) => Promise<ReferenceSnapshot['ticket'][string] | undefined>;

/**
 * The ticket engine's reference-resolution port, answered from the event-sourced records through
 * the in-process index (memory first, the record's stream on a miss). Group members are the
 * members whose user record is active: a deactivated user can no longer be assigned, though
 * their membership (and its history) stays in the group's stream.
 */
export class EventSourcedReferences implements ReferenceResolver {
  constructor(
    private readonly index: ReferenceIndex,
    private readonly tickets?: TicketLookup,
  ) {}

  async resolve(queries: ReferenceQuery[]): Promise<ReferenceSnapshot> {
    const snapshot = emptySnapshot();
    await Promise.all(queries.map((q) => this.resolveOne(q, snapshot)));
    snapshot.asked.push(...queries.map(queryKey));
    return snapshot;
  }

  private async approversOf(item: CatalogItem, serviceOwner: string | null): Promise<string[]> {
    const rule = item.approval;
    if (rule.kind === 'none') return [];
    if (rule.kind === 'user') return [rule.user];
    if (rule.kind === 'service-owner') return serviceOwner ? [serviceOwner] : [];
    return (await this.index.get('group', rule.group, FRESH))?.members ?? [];
  }

  private async resolveOne(q: ReferenceQuery, snapshot: ReferenceSnapshot): Promise<void> {
    if (q.kind === 'ticket') {
      const ticket = await this.tickets?.(q.id);
      if (ticket) snapshot.ticket[q.id] = ticket;
      return;
    }
    // An id no record can have is unknown without a read (and never reaches a stream name).
    if (!REFERENCE_ID.test(q.id)) return;
    switch (q.kind) {
      case 'group': {
        const group = await this.index.get('group', q.id, FRESH);
        if (!group) return;
        const active = await Promise.all(group.members.map(async (m) => ((await this.index.get('user', m, FRESH))?.active ? m : undefined)));
        snapshot.group[q.id] = { id: group.id, name: group.name, members: active.filter((m): m is string => m !== undefined), active: true };
        return;
      }
      case 'ci': {
        const ci = await this.index.get('ci', q.id, FRESH);
        if (ci) snapshot.ci[q.id] = { id: ci.id, name: ci.name, type: ci.type, service: ci.owningService, status: ci.status };
        return;
      }
      case 'service': {
        const s = await this.index.get('service', q.id, FRESH);
        if (s) snapshot.service[q.id] = { id: s.id, name: s.name, stage: s.stage, owner: s.owner, supportGroup: s.supportGroup, slaPolicy: s.slaPolicy };
        return;
      }
      case 'catalog-item': {
        const item = await this.index.get('catalog-item', q.id, FRESH);
        if (!item) return;
        const service = await this.index.get('service', item.service, FRESH);
        snapshot['catalog-item'][q.id] = {
          id: item.id,
          name: item.name,
          service: item.service,
          active: item.active,
          // What a request needs to be checked and routed, resolved now (approvers by the item's rule).
          serviceStage: service?.stage ?? 'retired',
          form: item.form,
          formVersion: item.formVersion,
          approvers: await this.approversOf(item, service?.owner ?? null),
          tasks: item.tasks,
          fulfilmentGroup: item.fulfilmentGroup ?? service?.supportGroup ?? null,
        };
        return;
      }
      default: {
        const unknown: never = q.kind;
        return unknown;
      }
    }
  }
}
