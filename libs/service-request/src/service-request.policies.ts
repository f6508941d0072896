import type { JsonValue } from '@itil/event-store';
import { checkFormValues, type FormField } from '@itil/reference-data';
import { PolicyRefusedError, ReferencesNeeded, queryKey, type InputError, type Policy, type PolicyInput, type PolicyRegistry } from '@itil/tickets';

const item = ({ setting, before, references }: PolicyInput) => references['catalog-item'][String(setting.catalogItem ?? before.fields.catalogItem)];

/**
 * Raising a request against the catalog: the item's service must be live (not in the pipeline,
 * not retired; an unknown or retired item is refused by the engine's reference check), the form
 * values must match the form the item defines, and what the item decides is recorded with the
 * request: approvers by its rule, fulfilment tasks and group, the form version.
 */
export const catalogRequest: Policy = {
  derive: (input) => {
    const catalogItem = input.via === null && input.before.exists === false ? item(input) : undefined;
    if (!catalogItem) return undefined;
    const tasks = catalogItem.tasks ?? [];
    const approvers = catalogItem.approvers ?? [];
    const derived: Record<string, JsonValue> = { formVersion: catalogItem.formVersion ?? 1, approvalRequired: approvers.length > 0, approvers, tasks, tasksDone: [], openTasks: tasks.length };
    if (catalogItem.fulfilmentGroup && input.setting.assignmentGroup === undefined) derived.assignmentGroup = catalogItem.fulfilmentGroup;
    if (input.setting.title === undefined) derived.title = catalogItem.name;
    return derived;
  },
  check: (input) => {
    if (input.before.exists) return;
    const catalogItem = item(input);
    if (!catalogItem) return;
    if (catalogItem.serviceStage !== undefined && catalogItem.serviceStage !== 'live') {
      throw new PolicyRefusedError('catalogRequest', `Catalog item '${catalogItem.id}' belongs to service '${catalogItem.service}', which is ${catalogItem.serviceStage}: only live services take requests`, [
        { path: '$.catalogItem', code: 'INACTIVE_REFERENCE', message: `the service of '${catalogItem.id}' is ${catalogItem.serviceStage}` },
      ]);
    }
    const { issues, references } = checkFormValues((catalogItem.form ?? []) as FormField[], input.setting.form ?? {}, '$.form');
    const errors: InputError[] = issues.map((i) => ({ path: i.path, code: 'WRONG_TYPE', message: i.message }));
    // References inside the form (a CI, a group...) must exist too; users are ids without records.
    const queries = references.filter((r) => r.kind !== 'user').map((r) => ({ kind: r.kind as 'ci' | 'group' | 'service' | 'catalog-item' | 'ticket', id: r.id }));
    const missing = queries.filter((q) => !input.references.asked.includes(queryKey(q)));
    if (errors.length === 0 && missing.length > 0) throw new ReferencesNeeded(missing);
    for (const r of references) {
      if (r.kind !== 'user' && !input.references[r.kind as 'ci'][r.id]) errors.push({ path: r.path, code: 'UNKNOWN_REFERENCE', message: `no ${r.kind} '${r.id}' exists` });
    }
    if (errors.length > 0) throw new PolicyRefusedError('catalogRequest', `The form does not match catalog item '${catalogItem.id}': ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
  },
};

/** Approvals by the item's approver rule: only one of the approvers resolved when the request was raised may approve. */
export const approverRule: Policy = {
  check: ({ via, setting, before }) => {
    if (via !== 'APPROVE') return;
    const approvers = (before.fields.approvers as string[] | undefined) ?? [];
    if (!approvers.includes(String(setting.approver))) {
      throw new PolicyRefusedError('approverRule', `${String(setting.approver)} may not approve this request; approvers: ${approvers.join(', ') || 'none'}`, [
        { path: '$.approver', code: 'NOT_A_MEMBER', message: `not one of the approvers (${approvers.join(', ') || 'none'})` },
      ]);
    }
  },
};

/** Fulfilment tasks: completing one records it and counts down the open tasks; FULFIL waits for zero (guard allTasksDone). */
export const fulfilmentTasks: Policy = {
  derive: ({ via, setting, before }) => {
    if (via !== 'COMPLETE_TASK') return undefined;
    const tasks = (before.fields.tasks as string[] | undefined) ?? [];
    const done = [...((before.fields.tasksDone as string[] | undefined) ?? []), String(setting.completedTask)];
    return { tasksDone: done, openTasks: tasks.filter((t) => !done.includes(t)).length };
  },
  check: ({ via, setting, before }) => {
    if (via !== 'COMPLETE_TASK') return;
    const tasks = (before.fields.tasks as string[] | undefined) ?? [];
    const done = (before.fields.tasksDone as string[] | undefined) ?? [];
    const task = String(setting.completedTask);
    const problem = !tasks.includes(task) ? `not a task of this request (${tasks.join(', ') || 'none'})` : done.includes(task) ? 'is already done' : undefined;
    if (problem) throw new PolicyRefusedError('fulfilmentTasks', `Task '${task}' ${problem}`, [{ path: '$.task', code: 'NOT_IN_ENUM', message: problem }]);
  },
};

export const serviceRequestPolicies: PolicyRegistry = { approverRule, catalogRequest, fulfilmentTasks };
