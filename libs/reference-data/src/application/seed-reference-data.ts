import type { CommandMetadata } from '@itil/engine';
import { ReferenceAlreadyExistsConflictError, ReferenceInputInvalidError, type InputIssue } from '../reference-data.errors';
import type { ReferenceKind } from '../reference-kinds';
import type { ReferenceCommands, ReferenceDataService } from './reference-data.service';

/**
 * A reference-data file: the shape `itil reference-data seed <file>` reads. Each entry is the
 * body its HTTP endpoint takes, plus nested members (groups) and offerings (services).
 */
export interface ReferenceSeed {
  users?: Record<string, unknown>[];
  groups?: (Record<string, unknown> & { members?: string[] })[];
  services?: (Record<string, unknown> & { offerings?: Record<string, unknown>[] })[];
  configurationItems?: Record<string, unknown>[];
  catalogItems?: Record<string, unknown>[];
}

export interface SeedReport {
  created: Record<string, number>;
  /** Records that existed already (a re-run writes nothing for them). */
  existing: Record<string, number>;
  events: number;
}

const SECTIONS = ['users', 'groups', 'services', 'configurationItems', 'catalogItems'];

/**
 * Writes the records of a seed file in dependency order (users, groups and their members,
 * services and their offerings, CIs, catalog items), each through the same commands and checks
 * as the API. Records that exist are left as they are, so a re-run is safe. The first refused
 * entry stops the seed with its JSON path in the file (`$.groups[1].members[0]`).
 */
export async function seedReferenceData(refs: ReferenceDataService, seed: unknown, metadata: () => CommandMetadata): Promise<SeedReport> {
  if (seed === null || typeof seed !== 'object' || Array.isArray(seed)) throw new ReferenceInputInvalidError([{ path: '$', message: 'must be a JSON object' }]);
  const unknown = Object.keys(seed).filter((k) => !SECTIONS.includes(k));
  if (unknown.length) throw new ReferenceInputInvalidError(unknown.map((k) => ({ path: `$.${k}`, message: `is not a section (${SECTIONS.join(', ')})` })));
  const s = seed as ReferenceSeed;
  const report: SeedReport = { created: {}, existing: {}, events: 0 };

  const run = async <K extends ReferenceKind>(path: string, kind: K, type: ReferenceCommands[K]['type'], data: unknown, count = true): Promise<void> => {
    try {
      const result = await refs.execute(kind, { type, data, metadata: metadata() } as unknown as ReferenceCommands[K]);
      report.events += result.events.length;
      if (count) report.created[kind] = (report.created[kind] ?? 0) + 1;
    } catch (error) {
      if (error instanceof ReferenceAlreadyExistsConflictError && count) {
        report.existing[kind] = (report.existing[kind] ?? 0) + 1;
        return;
      }
      const issues = (error as { errors?: InputIssue[] }).errors;
      if (Array.isArray(issues)) (error as { errors: InputIssue[] }).errors = issues.map((i) => ({ ...i, path: i.path.replace(/^\$/, path) }));
      (error as Error).message = `${path}: ${(error as Error).message}`;
      throw error;
    }
  };
  const list = <T>(name: keyof ReferenceSeed): T[] => {
    const value = s[name];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new ReferenceInputInvalidError([{ path: `$.${name}`, message: 'must be an array' }]);
    return value as T[];
  };

  for (const [i, u] of list<Record<string, unknown>>('users').entries()) await run(`$.users[${i}]`, 'user', 'RegisterUser', u);
  for (const [i, g] of list<ReferenceSeed['groups'] & object>('groups').entries()) {
    const { members, ...group } = (g ?? {}) as { members?: unknown };
    await run(`$.groups[${i}]`, 'group', 'CreateGroup', group);
    if (members !== undefined && !Array.isArray(members)) throw new ReferenceInputInvalidError([{ path: `$.groups[${i}].members`, message: 'must be an array of user ids' }]);
    for (const [j, userId] of (members ?? []).entries()) await run(`$.groups[${i}].members[${j}]`, 'group', 'AddGroupMember', { id: (group as { id?: unknown }).id, userId }, false);
  }
  for (const [i, sv] of list<Record<string, unknown>>('services').entries()) {
    const { offerings, stage, ...rest } = (sv ?? {}) as { offerings?: unknown; stage?: unknown };
    // A service seeded retired is registered live and then retired: the stage change is a fact like any other.
    const service = stage === 'retired' ? { ...rest, stage: 'live' } : stage === undefined ? rest : { ...rest, stage };
    const created = (report.created.service ?? 0) + 1;
    await run(`$.services[${i}]`, 'service', 'RegisterService', service);
    if (stage === 'retired' && report.created.service === created) await run(`$.services[${i}].stage`, 'service', 'ChangeServiceStage', { id: (rest as { id?: unknown }).id, stage: 'retired', reason: 'seeded retired' }, false);
    if (offerings !== undefined && !Array.isArray(offerings)) throw new ReferenceInputInvalidError([{ path: `$.services[${i}].offerings`, message: 'must be an array' }]);
    for (const [j, o] of ((offerings ?? []) as Record<string, unknown>[]).entries()) {
      const { id, ...rest } = o ?? {};
      await run(`$.services[${i}].offerings[${j}]`, 'service', 'AddServiceOffering', { ...rest, id: (service as { id?: unknown }).id, offeringId: id }, false).catch((error: unknown) => {
        // An offering seeded by an earlier run exists already: leave it.
        if (!(error instanceof ReferenceAlreadyExistsConflictError)) throw error;
      });
    }
  }
  for (const [i, c] of list<Record<string, unknown>>('configurationItems').entries()) await run(`$.configurationItems[${i}]`, 'ci', 'RegisterConfigurationItem', c);
  for (const [i, c] of list<Record<string, unknown>>('catalogItems').entries()) await run(`$.catalogItems[${i}]`, 'catalog-item', 'DefineCatalogItem', c);
  return report;
}
