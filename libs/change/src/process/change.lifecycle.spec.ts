import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateLifecycle } from '@itil/lifecycles';
import { changeGuards } from './change.guards';
import { changeFields } from './change.fields';

const NAMES = ['change-normal', 'change-standard', 'change-emergency'];
const load = (name: string, version: number) => JSON.parse(readFileSync(join(__dirname, `../../../../state-machines/versions/${name}/${version}.json`), 'utf8'));
/** The outcomes each version pins, by the event that ends implementation (or its backout). */
const PINS: Record<number, Record<string, string>> = {
  2: { COMPLETE: 'successful', FAIL: 'failed', BACKOUT_COMPLETE: 'backedOut' },
  3: { COMPLETE: 'successful', COMPLETE_WITH_ISSUES: 'successfulWithIssues', FAIL: 'failed', BACKOUT_COMPLETE: 'backedOut', BACKOUT_FAILED: 'backoutFailed' },
};
type Spec = { meta?: { records?: string; requiredFields?: string[]; sets?: Record<string, unknown> } };

describe.each(NAMES.flatMap((name) => [2, 3].map((version) => [name, version] as const)))('%s version %i', (name, version) => {
  const definition = load(name, version);
  const transitions = Object.values(definition.states as Record<string, { on?: Record<string, Spec | Spec[]> }>).flatMap((s) =>
    Object.entries(s.on ?? {}).flatMap(([event, t]) => (Array.isArray(t) ? t : [t]).map((c) => [event, c] as const)),
  );

  it('is valid for the engine, with the change guards registered', () => {
    expect(validateLifecycle(definition, { guards: Object.keys(changeGuards), actions: [], process: name }).findings).toEqual([]);
  });

  it('names a PascalCase Change fact on every transition', () => {
    for (const [, t] of transitions) expect(t.meta?.records).toMatch(/^Change[A-Z][A-Za-z]+$/);
  });

  it('pins the outcome on each transition that ends implementation', () => {
    const pins = Object.fromEntries(transitions.filter(([, t]) => t.meta?.sets?.outcome).map(([e, t]) => [e, t.meta!.sets!.outcome]));
    expect(pins).toEqual(PINS[version]);
  });

  it('types every field it names in the dictionary', () => {
    const named = new Set<string>(Object.keys(definition.meta.fields));
    for (const [, t] of transitions) [...(t.meta?.requiredFields ?? []), ...Object.keys(t.meta?.sets ?? {})].forEach((f) => named.add(f));
    expect([...named].filter((f) => !(f in changeFields))).toEqual([]);
  });
});
