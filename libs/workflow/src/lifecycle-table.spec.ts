import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { guardNamesOf, Lifecycle } from './lifecycle';
import type { LifecycleVersion, MachineConfigJson } from './lifecycle-definition';
import { readMachineFiles } from './lifecycle-catalog';

const DIR = join(__dirname, '../../../state-machines');
const VERSIONS = join(DIR, 'versions');

/** Every shipped definition: the current files and every published version kept beside them. */
function shippedConfigs(): MachineConfigJson[] {
  const versions = readdirSync(VERSIONS)
    .filter((name) => statSync(join(VERSIONS, name)).isDirectory())
    .flatMap((name) => readMachineFiles(join(VERSIONS, name)));
  return [...readMachineFiles(DIR), ...versions];
}

/** Guards that pass exactly when the event says so: every combination can be tried. */
const stubGuards = (config: MachineConfigJson) =>
  Object.fromEntries(guardNamesOf({ config } as LifecycleVersion).map((name) => [name, ({ event }: { event: Record<string, unknown> }) => event[name] === true]));

const answer = (run: () => unknown): unknown => {
  try {
    return { ok: run() };
  } catch (error) {
    const e = error as Error & Record<string, unknown>;
    return { error: e.constructor.name, message: e.message, allowed: e.allowedEvents, failed: e.failedGuards };
  }
};

describe('A lifecycle decided from its transition table', () => {
  const configs = shippedConfigs();

  it.each(configs.map((c, i) => [`${c.id} #${i}`, c] as const))('answers as XState does for %s: every state, event and guard outcome', (_name, config) => {
    const version: LifecycleVersion = { machineId: config.id, version: 1, contentHash: 'h', config };
    const guards = stubGuards(config);
    const table = new Lifecycle(version, guards);
    const xstate = new Lifecycle(version, guards, { table: false });
    expect(table.tabulated).toBe(true);
    expect(xstate.tabulated).toBe(false);
    const events = [...new Set(Object.values(config.states).flatMap((s) => Object.keys(s.on ?? {}))), 'NO_SUCH_EVENT'];
    let compared = 0;
    for (const state of [...Object.keys(config.states), 'noSuchState']) {
      expect(answer(() => table.allowedEvents(state))).toEqual(answer(() => xstate.allowedEvents(state)));
      for (const type of events) {
        // Each guard of the state's candidates for this event on or off (the others cannot matter).
        const spec = config.states[state]?.on?.[type];
        const names = [...new Set((Array.isArray(spec) ? spec : [spec]).flatMap((t) => (t && typeof t === 'object' && t.guard ? [t.guard] : [])))];
        for (let mask = 0; mask < 2 ** names.length; mask++) {
          const event = { type, ...Object.fromEntries(names.map((n, i) => [n, (mask & (1 << i)) !== 0])) };
          expect(answer(() => table.evaluate(state, event, {}))).toEqual(answer(() => xstate.evaluate(state, event, {})));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('is not used for a machine a table cannot answer exactly (a nested state): XState answers', () => {
    const nested = {
      id: 'nested',
      initial: 'a',
      states: { a: { on: { GO: 'c' } }, b: { initial: 'x', states: { x: {} } }, c: {} },
    } as unknown as MachineConfigJson;
    const lifecycle = new Lifecycle({ machineId: 'nested', version: 1, contentHash: 'h', config: nested }, {});
    expect(lifecycle.tabulated).toBe(false);
    expect(lifecycle.evaluate('a', { type: 'GO' }, {}).to).toBe('c');
  });

  it('takes the first candidate whose guard passes, and names every guard when none does', () => {
    const config: MachineConfigJson = {
      id: 'pick',
      initial: 'a',
      states: { a: { on: { GO: [{ target: 'b', guard: 'first' }, { target: 'c', guard: 'second' }] } }, b: {}, c: {} },
    };
    const guards = { first: ({ event }: { event: Record<string, unknown> }) => event.first === true, second: () => true };
    const lifecycle = new Lifecycle({ machineId: 'pick', version: 1, contentHash: 'h', config }, guards);
    expect(lifecycle.evaluate('a', { type: 'GO', first: true }, {}).to).toBe('b');
    expect(lifecycle.evaluate('a', { type: 'GO' }, {}).to).toBe('c');
    const none = new Lifecycle({ machineId: 'pick', version: 1, contentHash: 'h', config }, { first: () => false, second: () => false });
    expect(() => none.evaluate('a', { type: 'GO' }, {})).toThrow(expect.objectContaining({ failedGuards: ['first', 'second'] }) as unknown as Error);
  });
});
