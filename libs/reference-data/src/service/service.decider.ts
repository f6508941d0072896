import { knowsTypes, type Command, type Decider, type DomainEvent } from '@itil/engine';
import { checkShape, oneOf, refId, text } from '../input-shape';
import { REFERENCE_ID } from '../reference-kinds';
import { ReferenceAlreadyExistsConflictError, ReferenceChangeNotAllowedError, ReferenceInputInvalidError, ReferenceNotFoundError } from '../reference-data.errors';

/**
 * ITIL service portfolio stages: a service is planned in the pipeline, offered while live (the
 * service catalog is the live part of the portfolio) and kept, retired, for history.
 */
export const SERVICE_STAGES = ['pipeline', 'live', 'retired'] as const;
export type ServiceStage = (typeof SERVICE_STAGES)[number];
/** Stage changes the portfolio allows; retired is the end (a revived service is a new one). */
const NEXT_STAGES: Record<ServiceStage, ServiceStage[]> = { pipeline: ['live', 'retired'], live: ['retired'], retired: [] };

export type Offering = { id: string; name: string; description: string };
type ServiceFields = { name: string; description: string; owner: string; supportGroup: string; slaPolicy: string };
export type Service = ServiceFields & { id: string; stage: ServiceStage; offerings: Offering[] };

export type RegisterService = Command<'RegisterService', Omit<ServiceFields, 'description'> & { id: string; description?: string; stage?: 'pipeline' | 'live' }>;
export type UpdateService = Command<'UpdateService', Partial<ServiceFields> & { id: string }>;
export type ChangeServiceStage = Command<'ChangeServiceStage', { id: string; stage: ServiceStage; reason?: string }>;
export type AddServiceOffering = Command<'AddServiceOffering', { id: string; offeringId: string; name: string; description?: string }>;
export type WithdrawServiceOffering = Command<'WithdrawServiceOffering', { id: string; offeringId: string }>;
export type ServiceCommand = RegisterService | UpdateService | ChangeServiceStage | AddServiceOffering | WithdrawServiceOffering;

export type ServiceRegistered = DomainEvent<'ServiceRegistered', ServiceFields & { serviceId: string; stage: ServiceStage }>;
export type ServiceUpdated = DomainEvent<'ServiceUpdated', { serviceId: string; fields: Partial<ServiceFields>; previous: Partial<ServiceFields> }>;
export type ServiceStageChanged = DomainEvent<'ServiceStageChanged', { serviceId: string; from: ServiceStage; to: ServiceStage; reason: string | null }>;
export type ServiceOfferingAdded = DomainEvent<'ServiceOfferingAdded', { serviceId: string; offeringId: string; name: string; description: string }>;
export type ServiceOfferingWithdrawn = DomainEvent<'ServiceOfferingWithdrawn', { serviceId: string; offeringId: string }>;
export type ServiceEvent = ServiceRegistered | ServiceUpdated | ServiceStageChanged | ServiceOfferingAdded | ServiceOfferingWithdrawn;
export const SERVICE_EVENT_TYPES: ServiceEvent['type'][] = ['ServiceRegistered', 'ServiceUpdated', 'ServiceStageChanged', 'ServiceOfferingAdded', 'ServiceOfferingWithdrawn'];

export function evolveService(s: Service | null, e: ServiceEvent): Service | null {
  switch (e.type) {
    case 'ServiceRegistered': {
      const { serviceId, ...rest } = e.data;
      return { id: serviceId, ...rest, offerings: [] };
    }
    case 'ServiceUpdated':
      return s && { ...s, ...e.data.fields };
    case 'ServiceStageChanged':
      return s && { ...s, stage: e.data.to };
    case 'ServiceOfferingAdded':
      return s && { ...s, offerings: [...s.offerings, { id: e.data.offeringId, name: e.data.name, description: e.data.description }] };
    case 'ServiceOfferingWithdrawn':
      return s && { ...s, offerings: s.offerings.filter((o) => o.id !== e.data.offeringId) };
    default:
      return s;
  }
}

const slug = (v: unknown) => (typeof v === 'string' && REFERENCE_ID.test(v) ? undefined : 'must be 1-100 letters, digits, . _ - starting with a letter or digit');
const slaPolicy = (v: unknown) => (typeof v === 'string' && REFERENCE_ID.test(v) ? undefined : 'must be the id of an SLA policy');
const optional = (check: (v: unknown) => string | undefined) => (v: unknown) => (v === undefined ? undefined : check(v));
const updatable = {
  name: text(200, { optional: true }),
  description: text(2000, { optional: true }),
  owner: refId('user', { optional: true }),
  supportGroup: refId('group', { optional: true }),
  slaPolicy: optional(slaPolicy),
};

function decideService(c: ServiceCommand, s: Service | null): ServiceEvent[] {
  if (c.type === 'RegisterService') {
    const d = checkShape<RegisterService['data']>(c.data, {
      ...updatable,
      id: refId('service'),
      name: text(200),
      owner: refId('user'),
      supportGroup: refId('group'),
      slaPolicy,
      stage: oneOf(['pipeline', 'live'], { optional: true }),
    });
    if (s) throw new ReferenceAlreadyExistsConflictError('service', d.id);
    const { id, stage, description, ...fields } = d;
    return [{ type: 'ServiceRegistered', data: { serviceId: id, ...fields, description: description ?? '', stage: stage ?? 'pipeline' } }];
  }
  if (!s) throw new ReferenceNotFoundError('service', c.data.id);
  switch (c.type) {
    case 'UpdateService': {
      const { id: _id, ...d } = checkShape<UpdateService['data']>(c.data, { ...updatable, id: refId('service') });
      if (Object.keys(d).length === 0) throw new ReferenceInputInvalidError([{ path: '$', message: 'names no field to update' }]);
      if (s.stage === 'retired') throw new ReferenceChangeNotAllowedError('service', s.id, 'is retired');
      const changed = (Object.keys(d) as (keyof ServiceFields)[]).filter((k) => d[k] !== s[k]);
      if (changed.length === 0) return [];
      const pick = (from: Partial<ServiceFields>) => Object.fromEntries(changed.map((k) => [k, from[k]])) as Partial<ServiceFields>;
      return [{ type: 'ServiceUpdated', data: { serviceId: s.id, fields: pick(d), previous: pick(s) } }];
    }
    case 'ChangeServiceStage': {
      const d = checkShape<ChangeServiceStage['data']>(c.data, { id: refId('service'), stage: oneOf(SERVICE_STAGES), reason: text(1000, { optional: true }) });
      if (!NEXT_STAGES[s.stage].includes(d.stage)) {
        throw new ReferenceChangeNotAllowedError('service', s.id, `cannot move from ${s.stage} to ${d.stage}; allowed: ${NEXT_STAGES[s.stage].join(', ') || 'none'}`);
      }
      return [{ type: 'ServiceStageChanged', data: { serviceId: s.id, from: s.stage, to: d.stage, reason: d.reason ?? null } }];
    }
    case 'AddServiceOffering': {
      const d = checkShape<AddServiceOffering['data']>(c.data, { id: refId('service'), offeringId: slug, name: text(200), description: text(2000, { optional: true }) });
      if (s.stage === 'retired') throw new ReferenceChangeNotAllowedError('service', s.id, 'is retired: it takes no new offerings');
      if (s.offerings.some((o) => o.id === d.offeringId)) throw new ReferenceAlreadyExistsConflictError('service', `${s.id}/${d.offeringId}`);
      return [{ type: 'ServiceOfferingAdded', data: { serviceId: s.id, offeringId: d.offeringId, name: d.name, description: d.description ?? '' } }];
    }
    case 'WithdrawServiceOffering': {
      const d = checkShape<WithdrawServiceOffering['data']>(c.data, { id: refId('service'), offeringId: slug });
      if (!s.offerings.some((o) => o.id === d.offeringId)) throw new ReferenceNotFoundError('service', `${s.id}/${d.offeringId}`);
      return [{ type: 'ServiceOfferingWithdrawn', data: { serviceId: s.id, offeringId: d.offeringId } }];
    }
    default: {
      const unknown: never = c;
      return unknown;
    }
  }
}

export const serviceDecider: Decider<ServiceCommand, ServiceEvent, Service | null> = { initialState: () => null, knows: knowsTypes(SERVICE_EVENT_TYPES), evolve: evolveService, decide: decideService };
