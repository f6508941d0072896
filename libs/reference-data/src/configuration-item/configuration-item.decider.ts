import { knowsTypes, type Command, type Decider, type DomainEvent } from '@itil/engine';
import { checkShape, oneOf, refId, text } from '../input-shape';
import { ReferenceAlreadyExistsConflictError, ReferenceChangeNotAllowedError, ReferenceInputInvalidError, ReferenceNotFoundError } from '../reference-data.errors';

/** A small CMDB: what tickets and changes point at. `retired` items stay readable for history. */
export const CI_STATUSES = ['planned', 'operational', 'maintenance', 'retired'] as const;
export type CiStatus = (typeof CI_STATUSES)[number];

export type ConfigurationItem = { id: string; name: string; type: string; owningService: string | null; status: CiStatus };

export type RegisterConfigurationItem = Command<
  'RegisterConfigurationItem',
  { id: string; name: string; type: string; owningService?: string | null; status?: CiStatus }
>;
export type UpdateConfigurationItem = Command<'UpdateConfigurationItem', { id: string; name?: string; type?: string; owningService?: string | null }>;
export type ChangeConfigurationItemStatus = Command<'ChangeConfigurationItemStatus', { id: string; status: CiStatus; reason?: string }>;
export type ConfigurationItemCommand = RegisterConfigurationItem | UpdateConfigurationItem | ChangeConfigurationItemStatus;

type CiFields = { name: string; type: string; owningService: string | null };
export type ConfigurationItemRegistered = DomainEvent<'ConfigurationItemRegistered', CiFields & { ciId: string; status: CiStatus }>;
/** Only the fields that changed, with their previous values. */
export type ConfigurationItemUpdated = DomainEvent<'ConfigurationItemUpdated', { ciId: string; fields: Partial<CiFields>; previous: Partial<CiFields> }>;
export type ConfigurationItemStatusChanged = DomainEvent<'ConfigurationItemStatusChanged', { ciId: string; from: CiStatus; to: CiStatus; reason: string | null }>;
export type ConfigurationItemEvent = ConfigurationItemRegistered | ConfigurationItemUpdated | ConfigurationItemStatusChanged;
export const CI_EVENT_TYPES: ConfigurationItemEvent['type'][] = ['ConfigurationItemRegistered', 'ConfigurationItemUpdated', 'ConfigurationItemStatusChanged'];

export function evolveConfigurationItem(s: ConfigurationItem | null, e: ConfigurationItemEvent): ConfigurationItem | null {
  switch (e.type) {
    case 'ConfigurationItemRegistered': {
      const { ciId, ...rest } = e.data;
      return { id: ciId, ...rest };
    }
    case 'ConfigurationItemUpdated':
      return s && { ...s, ...e.data.fields };
    case 'ConfigurationItemStatusChanged':
      return s && { ...s, status: e.data.to };
    default:
      return s;
  }
}

const fieldChecks = { name: text(200, { optional: true }), type: text(100, { optional: true }), owningService: refId('service', { optional: true, nullable: true }) };

function decideConfigurationItem(c: ConfigurationItemCommand, s: ConfigurationItem | null): ConfigurationItemEvent[] {
  if (c.type === 'RegisterConfigurationItem') {
    const d = checkShape<RegisterConfigurationItem['data']>(c.data, {
      ...fieldChecks,
      id: refId('ci'),
      name: text(200),
      type: text(100),
      status: oneOf(CI_STATUSES, { optional: true }),
    });
    if (s) throw new ReferenceAlreadyExistsConflictError('ci', d.id);
    return [{ type: 'ConfigurationItemRegistered', data: { ciId: d.id, name: d.name, type: d.type, owningService: d.owningService ?? null, status: d.status ?? 'operational' } }];
  }
  if (!s) throw new ReferenceNotFoundError('ci', c.data.id);
  switch (c.type) {
    case 'UpdateConfigurationItem': {
      const { id: _id, ...d } = checkShape<UpdateConfigurationItem['data']>(c.data, { ...fieldChecks, id: refId('ci') });
      const fields: Partial<CiFields> = {};
      const previous: Partial<CiFields> = {};
      for (const key of Object.keys(d) as (keyof CiFields)[]) {
        if (d[key] === undefined || d[key] === s[key]) continue;
        (fields as Record<string, unknown>)[key] = d[key];
        (previous as Record<string, unknown>)[key] = s[key];
      }
      if (Object.keys(d).length === 0) throw new ReferenceInputInvalidError([{ path: '$', message: 'names no field to update' }]);
      return Object.keys(fields).length === 0 ? [] : [{ type: 'ConfigurationItemUpdated', data: { ciId: s.id, fields, previous } }];
    }
    case 'ChangeConfigurationItemStatus': {
      const d = checkShape<ChangeConfigurationItemStatus['data']>(c.data, { id: refId('ci'), status: oneOf(CI_STATUSES), reason: text(1000, { optional: true }) });
      if (d.status === s.status) throw new ReferenceChangeNotAllowedError('ci', s.id, `is already ${s.status}`);
      if (s.status === 'retired') throw new ReferenceChangeNotAllowedError('ci', s.id, 'is retired: a retired item stays retired (register a new one)');
      return [{ type: 'ConfigurationItemStatusChanged', data: { ciId: s.id, from: s.status, to: d.status, reason: d.reason ?? null } }];
    }
    default: {
      const unknown: never = c;
      return unknown;
    }
  }
}

export const configurationItemDecider: Decider<ConfigurationItemCommand, ConfigurationItemEvent, ConfigurationItem | null> = {
  initialState: () => null, knows: knowsTypes(CI_EVENT_TYPES),
  evolve: evolveConfigurationItem,
  decide: decideConfigurationItem,
};
