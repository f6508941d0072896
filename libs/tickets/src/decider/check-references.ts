import type { FieldDictionary, FieldType } from '../fields/field-types';
import { pathOf } from '../fields/check-value';
import { queryKey, type ReferenceKind, type ReferenceQuery, type ReferenceSnapshot } from '../references/reference-resolver.port';
import { ReferencesNeeded, type InputError } from '../tickets.errors';
import type { FieldValues } from '../ticket.events';

interface Found {
  query: ReferenceQuery;
  path: string;
  process?: string;
}

const kindOfType = (type: FieldType): ReferenceKind | undefined => (type.kind === 'group' ? 'group' : type.kind === 'ref' ? type.to : undefined);

function collect(type: FieldType, value: unknown, path: string, into: Found[]): void {
  if (value === null || value === undefined) return;
  if (type.kind === 'list' && Array.isArray(value)) return value.forEach((v, i) => collect(type.of, v, `${path}[${i}]`, into));
  const kind = kindOfType(type);
  if (kind && typeof value === 'string') into.push({ query: { kind, id: value }, path, process: type.kind === 'ref' ? type.process : undefined });
}

/**
 * Every reference the fields being set point at, and the groups whose membership a user field
 * must be checked against. Throws ReferencesNeeded when the snapshot has not answered some of
 * them (the handler resolves and runs again); otherwise returns the problems found (422).
 */
export function checkReferences(
  dictionary: FieldDictionary,
  setting: FieldValues,
  after: FieldValues,
  keyOf: Map<string, string>,
  snapshot: ReferenceSnapshot,
  extra: ReferenceQuery[] = [],
): InputError[] {
  const refs: Found[] = [];
  for (const [field, value] of Object.entries(setting)) {
    const def = dictionary[field];
    if (def) collect(def.type, value, pathOf(keyOf.get(field) ?? field), refs);
  }
  const memberships: { user: string; group: string; path: string }[] = [];
  for (const [field, def] of Object.entries(dictionary)) {
    if (def.type.kind !== 'user' || !def.type.memberOf) continue;
    const groupField = def.type.memberOf;
    if (!(field in setting) && !(groupField in setting)) continue;
    const user = after[field];
    const group = after[groupField];
    if (typeof user !== 'string' || typeof group !== 'string') continue;
    memberships.push({ user, group, path: pathOf(field in setting ? (keyOf.get(field) ?? field) : (keyOf.get(groupField) ?? groupField)) });
  }
  const needed = [...refs.map((r) => r.query), ...memberships.map((m) => ({ kind: 'group' as const, id: m.group })), ...extra];
  const missing = needed.filter((q) => !snapshot.asked.includes(queryKey(q)));
  if (missing.length > 0) throw new ReferencesNeeded(dedupe(missing));

  const errors: InputError[] = [];
  for (const r of refs) {
    const record = snapshot[r.query.kind][r.query.id] as { active?: boolean; process?: string } | undefined;
    if (!record) errors.push({ path: r.path, code: 'UNKNOWN_REFERENCE', message: `no ${r.query.kind} '${r.query.id}' exists` });
    else if (r.process && record.process !== r.process) errors.push({ path: r.path, code: 'UNKNOWN_REFERENCE', message: `'${r.query.id}' is a ${record.process}, not a ${r.process}` });
    else if (record.active === false) errors.push({ path: r.path, code: 'INACTIVE_REFERENCE', message: `${r.query.kind} '${r.query.id}' is inactive` });
  }
  for (const m of memberships) {
    const group = snapshot.group[m.group];
    if (group && !group.members.includes(m.user)) {
      errors.push({ path: m.path, code: 'NOT_A_MEMBER', message: `'${m.user}' is not a member of group '${m.group}'` });
    }
  }
  return errors;
}

function dedupe(queries: ReferenceQuery[]): ReferenceQuery[] {
  const seen = new Map(queries.map((q) => [queryKey(q), q]));
  return [...seen.values()];
}
