import {
  emptySnapshot,
  queryKey,
  type CatalogItemRecord,
  type CiRecord,
  type GroupRecord,
  type ReferenceQuery,
  type ReferenceResolver,
  type ReferenceSnapshot,
  type ServiceRecord,
  type TicketRecord,
} from './reference-resolver.port';

export interface ReferenceData {
  groups?: GroupRecord[];
  cis?: CiRecord[];
  services?: ServiceRecord[];
  catalogItems?: CatalogItemRecord[];
  tickets?: TicketRecord[];
}

/** The resolver for tests and the demo: records held in memory, changed by the test. */
export class InMemoryReferences implements ReferenceResolver {
  private readonly data: { [K in Exclude<keyof ReferenceSnapshot, 'asked'>]: Map<string, ReferenceSnapshot[K][string]> } = {
    group: new Map(),
    ticket: new Map(),
    ci: new Map(),
    service: new Map(),
    'catalog-item': new Map(),
  };

  constructor(seed: ReferenceData = {}) {
    for (const g of seed.groups ?? []) this.data.group.set(g.id, g);
    for (const c of seed.cis ?? []) this.data.ci.set(c.id, c);
    for (const s of seed.services ?? []) this.data.service.set(s.id, s);
    for (const i of seed.catalogItems ?? []) this.data['catalog-item'].set(i.id, i);
    for (const t of seed.tickets ?? []) this.data.ticket.set(t.id, t);
  }

  putGroup(group: GroupRecord): void {
    this.data.group.set(group.id, group);
  }

  putTicket(ticket: TicketRecord): void {
    this.data.ticket.set(ticket.id, ticket);
  }

  putService(service: ServiceRecord): void {
    this.data.service.set(service.id, service);
  }

  resolve(queries: ReferenceQuery[]): Promise<ReferenceSnapshot> {
    const snapshot = emptySnapshot();
    for (const q of queries) {
      const found = this.data[q.kind].get(q.id);
      if (found) (snapshot[q.kind] as Record<string, unknown>)[q.id] = structuredClone(found);
      snapshot.asked.push(queryKey(q));
    }
    return Promise.resolve(snapshot);
  }
}
