import { checkFormValues } from '../forms/form-field';
import type { ReferenceIndex } from '../index/reference-index';
import type { ReferenceRecords } from '../reference-deciders';
import { ReferenceUnusableError, type InputIssue } from '../reference-data.errors';
import { REFERENCE_ID } from '../reference-kinds';
import type { CatalogItem } from './catalog-item.decider';

/** Checks that may refuse read the record's stream tail (see ReferenceIndex.get). */
const FRESH = { fresh: true };

export interface RequestableItem {
  item: CatalogItem;
  service: ReferenceRecords['service'];
  /** Who may approve (user ids), empty when the item is pre-approved. */
  approvers: string[];
  /** Who fulfils: the item's group, else the service's support group. */
  fulfilmentGroup: string;
}

/**
 * What raising a service request against a catalog item needs to know, or why it may not be
 * raised: the item must exist and be active, its service must not be retired, and the form
 * values must match the item's form, references included. Refused input throws before anything
 * is written. `ticketExists` answers for form fields that reference tickets.
 */
export async function checkRequestable(
  index: ReferenceIndex,
  catalogItemId: unknown,
  form: unknown,
  options: { at?: string; itemPath?: string; ticketExists?: (id: string) => Promise<boolean> } = {},
): Promise<RequestableItem> {
  const itemPath = options.itemPath ?? '$.catalogItem';
  const refuse = (issues: InputIssue[]): never => {
    throw new ReferenceUnusableError(issues);
  };
  if (typeof catalogItemId !== 'string' || !REFERENCE_ID.test(catalogItemId)) return refuse([{ path: itemPath, message: 'must be the id of a catalog item' }]);
  const item = await index.get('catalog-item', catalogItemId, FRESH);
  if (!item) return refuse([{ path: itemPath, message: `unknown catalog item '${catalogItemId}'` }]);
  if (!item.active) return refuse([{ path: itemPath, message: `catalog item '${catalogItemId}' is retired` }]);
  const service = await index.get('service', item.service, FRESH);
  if (!service || service.stage !== 'live') {
    return refuse([{ path: itemPath, message: `catalog item '${catalogItemId}' belongs to service '${item.service}', which is ${service ? service.stage : 'unknown'}: only live services take requests` }]);
  }
  const { issues, references } = checkFormValues(item.form, form ?? {}, options.at ?? '$.form');
  await Promise.all(
    references.map(async (ref) => {
      const found = ref.kind === 'ticket' ? await (options.ticketExists?.(ref.id) ?? Promise.resolve(false)) : await index.get(ref.kind, ref.id, FRESH);
      if (!found) issues.push({ path: ref.path, message: `unknown ${ref.kind} '${ref.id}'` });
      else if (ref.kind === 'user' && !(found as ReferenceRecords['user']).active) issues.push({ path: ref.path, message: `user '${ref.id}' is inactive` });
    }),
  );
  if (issues.length > 0) refuse(issues.sort((a, b) => a.path.localeCompare(b.path)));
  return { item, service, approvers: await approversOf(index, item, service), fulfilmentGroup: item.fulfilmentGroup ?? service.supportGroup };
}

/** The item's approver rule, resolved now: the users who may approve a request raised now. */
async function approversOf(index: ReferenceIndex, item: CatalogItem, service: ReferenceRecords['service']): Promise<string[]> {
  switch (item.approval.kind) {
    case 'none':
      return [];
    case 'user':
      return [item.approval.user];
    case 'service-owner':
      return [service.owner];
    case 'group':
      return (await index.get('group', item.approval.group, FRESH))?.members ?? [];
  }
}
