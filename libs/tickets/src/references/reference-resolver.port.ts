import type { FieldType } from '../fields/field-types';

/**
 * decide is pure, so referenced records (groups and their members, CIs, services, catalog items,
 * other tickets) are resolved by the handler before deciding, through this port. The reference
 * data engineer implements it from event-sourced records (`group-<id>`, `ci-<id>`, ...); tests
 * use InMemoryReferences. Users are referenced ids: they have no record to resolve.
 */
export type ReferenceKind = 'group' | 'ticket' | 'ci' | 'service' | 'catalog-item';

export interface ReferenceQuery {
  kind: ReferenceKind;
  id: string;
}

export interface GroupRecord {
  id: string;
  name: string;
  members: string[];
  active: boolean;
}

export interface CiRecord {
  id: string;
  name: string;
  type: string;
  service: string | null;
  status: string;
}

export type PortfolioStage = 'pipeline' | 'live' | 'retired';

export interface ServiceRecord {
  id: string;
  name: string;
  stage: PortfolioStage;
  owner: string | null;
  supportGroup: string | null;
  slaPolicy: string | null;
}

export interface CatalogItemRecord {
  id: string;
  name: string;
  service: string;
  active: boolean;
  /** What a request for the item needs (filled by the reference-data resolver; absent in simple test doubles). */
  serviceStage?: PortfolioStage;
  /** The request form: typed fields like the field dictionary's. */
  form?: CatalogFormField[];
  /** Revision of the form (1 for the first). */
  formVersion?: number;
  /** Who may approve a request raised now (the item's approver rule resolved); empty: pre-approved. */
  approvers?: string[];
  /** Fulfilment tasks a request creates. */
  tasks?: string[];
  /** Who fulfils: the item's group, else its service's support group. */
  fulfilmentGroup?: string | null;
}

export interface CatalogFormField {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  help?: string;
}

export interface TicketRecord {
  id: string;
  process: string;
  state: string;
  /** The state's category in its pinned lifecycle (new, active, pending, resolved, closed, cancelled). */
  category: string;
  /** Its fields as folded, for rules that depend on more than the state (a change's authorisation). Absent: not known. */
  fields?: Readonly<Record<string, unknown>>;
}

/** What was found, per kind and id. An id absent from its map does not exist. */
export interface ReferenceSnapshot {
  group: Record<string, GroupRecord>;
  ticket: Record<string, TicketRecord>;
  ci: Record<string, CiRecord>;
  service: Record<string, ServiceRecord>;
  'catalog-item': Record<string, CatalogItemRecord>;
  /** Every query this snapshot answered (found or not), as `kind:id`. */
  asked: string[];
}

export const emptySnapshot = (): ReferenceSnapshot => ({ group: {}, ticket: {}, ci: {}, service: {}, 'catalog-item': {}, asked: [] });
export const queryKey = (q: ReferenceQuery): string => `${q.kind}:${q.id}`;

export interface ReferenceResolver {
  /** Resolves every query; unknown ids are simply absent from the answer. */
  resolve(queries: ReferenceQuery[]): Promise<ReferenceSnapshot>;
}

/** Injection token of the resolver the app binds. */
export const REFERENCE_RESOLVER = Symbol('REFERENCE_RESOLVER');

/** Merges a later answer into an earlier one. */
export function mergeSnapshots(a: ReferenceSnapshot, b: ReferenceSnapshot): ReferenceSnapshot {
  return {
    group: { ...a.group, ...b.group },
    ticket: { ...a.ticket, ...b.ticket },
    ci: { ...a.ci, ...b.ci },
    service: { ...a.service, ...b.service },
    'catalog-item': { ...a['catalog-item'], ...b['catalog-item'] },
    asked: [...new Set([...a.asked, ...b.asked])],
  };
}
