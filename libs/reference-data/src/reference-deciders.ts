import type { Decider, DomainEvent } from '@itil/engine';
import { CATALOG_ITEM_EVENT_TYPES, catalogItemDecider, type CatalogItem } from './catalog-item/catalog-item.decider';
import { CI_EVENT_TYPES, configurationItemDecider, type ConfigurationItem } from './configuration-item/configuration-item.decider';
import { GROUP_EVENT_TYPES, groupDecider, type Group } from './group/group.decider';
import type { ReferenceKind } from './reference-kinds';
import { SERVICE_EVENT_TYPES, serviceDecider, type Service } from './service/service.decider';
import { USER_EVENT_TYPES, userDecider, type User } from './user/user.decider';

/** The record each kind folds to. */
export interface ReferenceRecords {
  ci: ConfigurationItem;
  group: Group;
  user: User;
  service: Service;
  'catalog-item': CatalogItem;
}

type AnyDecider = Decider<never, DomainEvent, unknown>;

/** Each kind's decider: one place that says how a stream of reference data folds. */
export const REFERENCE_DECIDERS: Record<ReferenceKind, AnyDecider> = {
  ci: configurationItemDecider as unknown as AnyDecider,
  group: groupDecider as unknown as AnyDecider,
  user: userDecider as unknown as AnyDecider,
  service: serviceDecider as unknown as AnyDecider,
  'catalog-item': catalogItemDecider as unknown as AnyDecider,
};

export const REFERENCE_EVENT_TYPES: string[] = [...CI_EVENT_TYPES, ...GROUP_EVENT_TYPES, ...USER_EVENT_TYPES, ...SERVICE_EVENT_TYPES, ...CATALOG_ITEM_EVENT_TYPES];
