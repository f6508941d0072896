import { createMachine } from 'xstate';
import { LifecycleCatalog } from './lifecycle-catalog';
import { Lifecycle } from './lifecycle';
import type { MachineConfigJson } from './lifecycle-definition';
import { TransitionNotAllowedError, UnknownLifecycleError } from './workflow.errors';

const door: MachineConfigJson = {
  id: 'door',
  initial: 'closed',
  states: {
    closed: { meta: { category: 'new', sla: 'running' }, on: { OPEN: { target: 'open', guard: 'hasKey', meta: { requiredFields: ['key'] } }, LOCK: 'locked' } },
    open: { meta: { category: 'active', sla: 'running', requiredFields: ['openedBy'] }, on: { CLOSE: 'closed' } },
    locked: { type: 'final', meta: { category: 'closed', sla: 'stopped' } },
  },
};
const guards = { hasKey: ({ event, context }: { event: Record<string, unknown>; context: Record<string, unknown> }) => Boolean(event.key ?? context.key) };
const lifecycle = () => new Lifecycle({ machineId: 'door', version: 1, contentHash: 'h', config: door }, guards);

describe('A lifecycle evaluated purely', () => {
  it('is a config plain XState loads as is', () => {
    expect(createMachine(door as never).id).toBe('door');
  });

  it('leads from a state to the target of an allowed event', () => {
    expect(lifecycle().evaluate('closed', { type: 'OPEN', key: 'k' }, {})).toEqual({ from: 'closed', to: 'open', event: 'OPEN', requiredFields: ['openedBy', 'key'] });
  });

  it('lets the ticket fields satisfy a guard', () => {
    expect(lifecycle().evaluate('closed', { type: 'OPEN' }, { key: 'k' }).to).toBe('open');
  });

  it('refuses an event the state does not handle, listing the events it does', () => {
    expect(() => lifecycle().evaluate('open', { type: 'LOCK' }, {})).toThrow(
      expect.objectContaining({ allowedEvents: ['CLOSE'], failedGuards: [] }) as unknown as Error,
    );
  });

  it('refuses an event whose guard fails, naming the guard', () => {
    let error: unknown;
    try {
      lifecycle().evaluate('closed', { type: 'OPEN' }, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TransitionNotAllowedError);
    expect(error).toMatchObject({ state: 'closed', event: 'OPEN', allowedEvents: ['LOCK', 'OPEN'], failedGuards: ['hasKey'] });
  });

  it('refuses a move that would leave the ticket without a field the new state or the transition requires', () => {
    const door = lifecycle();
    const outcome = door.evaluate('closed', { type: 'OPEN', key: 'k' }, {});
    expect(() => door.requireFields(outcome, { key: 'k', openedBy: ' ' })).toThrow(
      expect.objectContaining({ missingFields: ['openedBy'], message: expect.stringMatching(/would lack openedBy/) }) as unknown as Error,
    );
    expect(() => door.requireFields(outcome, { key: 'k', openedBy: 'ana' })).not.toThrow();
  });

  it('lists no allowed events in a final state', () => {
    expect(lifecycle().allowedEvents('locked')).toEqual([]);
    expect(lifecycle().isFinal('locked')).toBe(true);
  });

  it('refuses to build a lifecycle that names a guard the registry lacks', () => {
    expect(() => new Lifecycle({ machineId: 'door', version: 1, contentHash: 'h', config: door }, {})).toThrow(/unknown guard\(s\) hasKey/);
  });
});

describe('The lifecycle catalog', () => {
  it('finds a pinned version and the latest one, and says which is unknown', () => {
    const catalog = LifecycleCatalog.fromConfigs([door], guards);
    catalog.add({ machineId: 'door', version: 2, contentHash: 'h2', config: door });
    expect(catalog.get('door', 1).version.version).toBe(1);
    expect(catalog.latest('door').version.version).toBe(2);
    expect(() => catalog.get('door', 3)).toThrow(UnknownLifecycleError);
    expect(() => catalog.latest('window')).toThrow(UnknownLifecycleError);
  });

  it('hashes a definition by content, whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify({ states: door.states, initial: door.initial, id: door.id })) as MachineConfigJson;
    const a = LifecycleCatalog.fromConfigs([door], guards).get('door', 1).version.contentHash;
    const b = LifecycleCatalog.fromConfigs([reordered], guards).get('door', 1).version.contentHash;
    expect(a).toBe(b);
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
