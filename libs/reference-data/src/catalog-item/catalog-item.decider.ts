import { knowsTypes, type Command, type Decider, type DomainEvent } from '@itil/engine';
import type { JsonObject } from '@itil/event-store';
import { formDefinitionIssues, type FormField } from '../forms/form-field';
import { array, checkShape, refId, text, type Check } from '../input-shape';
import { ReferenceAlreadyExistsConflictError, ReferenceChangeNotAllowedError, ReferenceInputInvalidError, ReferenceNotFoundError } from '../reference-data.errors';
import { REFERENCE_ID } from '../reference-kinds';

/**
 * Who approves a request for the item: nobody (pre-approved), a named user, any member of a
 * group, or the owner of the item's service at the time the request is raised.
 */
export type ApproverRule = { kind: 'none' } | { kind: 'user'; user: string } | { kind: 'group'; group: string } | { kind: 'service-owner' };

type ItemFields = {
  name: string;
  description: string;
  offering: string | null;
  form: FormField[];
  approval: ApproverRule;
  /** Who fulfils; null means the service's support group. */
  fulfilmentGroup: string | null;
  /** The fulfilment tasks a request for this item creates once approved. */
  tasks: string[];
};
/** A request item of the service catalog; `formVersion` counts form revisions, so a request records which one it was checked against. */
export type CatalogItem = ItemFields & { id: string; service: string; formVersion: number; active: boolean };

type DefineData = Partial<ItemFields> & { id: string; name: string; service: string };
export type DefineCatalogItem = Command<'DefineCatalogItem', DefineData>;
export type UpdateCatalogItem = Command<'UpdateCatalogItem', Partial<ItemFields> & { id: string }>;
export type RetireCatalogItem = Command<'RetireCatalogItem', { id: string; reason?: string }>;
export type CatalogItemCommand = DefineCatalogItem | UpdateCatalogItem | RetireCatalogItem;

// Forms and rules are stored as JSON; their types are the ones above (checked before they are recorded).
type Stored<T> = { [K in keyof T]: T[K] extends FormField[] ? JsonObject[] : T[K] extends ApproverRule ? JsonObject : T[K] };
export type CatalogItemDefined = DomainEvent<'CatalogItemDefined', Stored<ItemFields> & { catalogItemId: string; service: string }>;
export type CatalogItemUpdated = DomainEvent<'CatalogItemUpdated', { catalogItemId: string; fields: Partial<Stored<ItemFields>>; previous: Partial<Stored<ItemFields>>; formVersion: number }>;
export type CatalogItemRetired = DomainEvent<'CatalogItemRetired', { catalogItemId: string; reason: string | null }>;
export type CatalogItemEvent = CatalogItemDefined | CatalogItemUpdated | CatalogItemRetired;
export const CATALOG_ITEM_EVENT_TYPES: CatalogItemEvent['type'][] = ['CatalogItemDefined', 'CatalogItemUpdated', 'CatalogItemRetired'];

export function evolveCatalogItem(s: CatalogItem | null, e: CatalogItemEvent): CatalogItem | null {
  switch (e.type) {
    case 'CatalogItemDefined': {
      const { catalogItemId, ...rest } = e.data;
      return { id: catalogItemId, ...(rest as unknown as ItemFields & { service: string }), formVersion: 1, active: true };
    }
    case 'CatalogItemUpdated':
      return s && { ...s, ...(e.data.fields as unknown as Partial<ItemFields>), formVersion: e.data.formVersion };
    case 'CatalogItemRetired':
      return s && { ...s, active: false };
    default:
      return s;
  }
}

const approverRule: Check = (v) => {
  if (v === undefined) return undefined;
  const r = v as Record<string, unknown>;
  if (r === null || typeof r !== 'object') return 'must be an approver rule object';
  const only = (...keys: string[]) => (Object.keys(r).every((k) => k === 'kind' || keys.includes(k)) ? undefined : `takes only ${['kind', ...keys].join(', ')}`);
  switch (r.kind) {
    case 'none':
    case 'service-owner':
      return only();
    case 'user':
      return typeof r.user === 'string' && REFERENCE_ID.test(r.user) ? only('user') : 'needs user: the id of the approving user';
    case 'group':
      return typeof r.group === 'string' && REFERENCE_ID.test(r.group) ? only('group') : 'needs group: the id of the approving group';
    default:
      return 'kind must be one of none, user, group, service-owner';
  }
};
const form: Check = (v) => {
  if (v === undefined) return undefined;
  const issues = formDefinitionIssues(v);
  return issues.length ? issues.map((i) => `${i.path}: ${i.message}`).join('; ') : undefined;
};
const slug: Check = (v) => (v === undefined || v === null || (typeof v === 'string' && REFERENCE_ID.test(v)) ? undefined : 'must be an offering id');
const fieldChecks: Record<keyof ItemFields, Check> = {
  name: text(200, { optional: true }),
  description: text(2000, { optional: true }),
  offering: slug,
  form,
  approval: approverRule,
  fulfilmentGroup: refId('group', { optional: true, nullable: true }),
  tasks: array(text(200), { optional: true, max: 50 }),
};

function decideCatalogItem(c: CatalogItemCommand, s: CatalogItem | null): CatalogItemEvent[] {
  if (c.type === 'DefineCatalogItem') {
    const d = checkShape<DefineData>(c.data, { ...fieldChecks, id: refId('catalog-item'), name: text(200), service: refId('service') });
    if (s) throw new ReferenceAlreadyExistsConflictError('catalog-item', d.id);
    const data = {
      catalogItemId: d.id,
      service: d.service,
      name: d.name,
      description: d.description ?? '',
      offering: d.offering ?? null,
      form: (d.form ?? []) as unknown as JsonObject[],
      approval: (d.approval ?? { kind: 'none' }) as JsonObject,
      fulfilmentGroup: d.fulfilmentGroup ?? null,
      tasks: d.tasks ?? [],
    };
    return [{ type: 'CatalogItemDefined', data }];
  }
  if (!s) throw new ReferenceNotFoundError('catalog-item', c.data.id);
  switch (c.type) {
    case 'UpdateCatalogItem': {
      const { id: _id, ...d } = checkShape<UpdateCatalogItem['data']>(c.data, { ...fieldChecks, id: refId('catalog-item') });
      if (Object.keys(d).length === 0) throw new ReferenceInputInvalidError([{ path: '$', message: 'names no field to update' }]);
      if (!s.active) throw new ReferenceChangeNotAllowedError('catalog-item', s.id, 'is retired');
      const changed = (Object.keys(d) as (keyof ItemFields)[]).filter((k) => JSON.stringify(d[k]) !== JSON.stringify(s[k]));
      if (changed.length === 0) return [];
      const pick = (from: Partial<ItemFields>) => Object.fromEntries(changed.map((k) => [k, from[k] ?? null])) as Partial<Stored<ItemFields>>;
      const formVersion = changed.includes('form') ? s.formVersion + 1 : s.formVersion;
      return [{ type: 'CatalogItemUpdated', data: { catalogItemId: s.id, fields: pick(d), previous: pick(s), formVersion } }];
    }
    case 'RetireCatalogItem': {
      const d = checkShape<RetireCatalogItem['data']>(c.data, { id: refId('catalog-item'), reason: text(1000, { optional: true }) });
      if (!s.active) throw new ReferenceChangeNotAllowedError('catalog-item', s.id, 'is already retired');
      return [{ type: 'CatalogItemRetired', data: { catalogItemId: s.id, reason: d.reason ?? null } }];
    }
    default: {
      const unknown: never = c;
      return unknown;
    }
  }
}

export const catalogItemDecider: Decider<CatalogItemCommand, CatalogItemEvent, CatalogItem | null> = {
  initialState: () => null, knows: knowsTypes(CATALOG_ITEM_EVENT_TYPES),
  evolve: evolveCatalogItem,
  decide: decideCatalogItem,
};
