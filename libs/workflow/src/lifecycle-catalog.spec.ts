import { LifecycleCatalog, type LifecycleSource } from './lifecycle-catalog';
import type { LifecycleVersion, MachineConfigJson } from './lifecycle-definition';
import { LifecycleVersionUnusableError, PinnedLifecycleMissingError, UnknownLifecycleError } from './workflow.errors';

const door = (guard?: string): MachineConfigJson => ({
  id: 'door',
  initial: 'closed',
  states: {
    closed: { meta: { category: 'new', sla: 'running' }, on: { OPEN: guard ? { target: 'open', guard } : 'open' } },
    open: { type: 'final', meta: { category: 'closed', sla: 'stopped' } },
  },
});
const version = (n: number, guard?: string): LifecycleVersion => ({ machineId: 'door', version: n, contentHash: `h${n}`, config: door(guard) });
const guards = { hasKey: () => true };

/** A source standing for the `lifecycle-door` stream, counting how often it is read. */
function source(versions: LifecycleVersion[]): LifecycleSource & { reads: number } {
  const read = Object.assign(async () => (read.reads++, versions), { reads: 0 });
  return read;
}

describe('A lifecycle catalog that misses a version', () => {
  it('loads it from its source before answering, one read for concurrent misses', async () => {
    const stream = source([version(1), version(2, 'hasKey')]);
    const catalog = new LifecycleCatalog(guards).loadMissingFrom(stream);
    catalog.add(version(1));
    const [a, b] = await Promise.all([catalog.resolve('door', 2), catalog.resolve('door', 2)]);
    expect(a).toBe(b);
    expect(a.version.version).toBe(2);
    expect(stream.reads).toBe(1);
    await catalog.resolve('door', 2);
    expect(stream.reads).toBe(1);
  });

  it('answers a version the source lacks as a server fault of its own, not UNKNOWN_LIFECYCLE', async () => {
    const catalog = new LifecycleCatalog(guards).loadMissingFrom(source([version(1)]));
    await expect(catalog.resolve('door', 7)).rejects.toThrow(PinnedLifecycleMissingError);
    await expect(new LifecycleCatalog(guards).resolve('door', 1)).rejects.toMatchObject({ code: 'WORKFLOW.PINNED_VERSION_MISSING' });
  });

  it('runs a synchronous decider again after loading the version it missed, once', async () => {
    const catalog = new LifecycleCatalog(guards).loadMissingFrom(source([version(1), version(2)]));
    catalog.add(version(1));
    let runs = 0;
    const decide = async () => (runs++, catalog.get('door', 2).initialState);
    await expect(catalog.resolving(decide)).resolves.toBe('closed');
    expect(runs).toBe(2);
    // Other errors pass through without a second run.
    let failures = 0;
    await expect(catalog.resolving(async () => (failures++, Promise.reject(new Error('disk full'))))).rejects.toThrow('disk full');
    await expect(catalog.resolving(async () => (failures++, catalog.latest('window')))).rejects.toThrow(UnknownLifecycleError);
    expect(failures).toBe(2);
  });

  it('records a version naming a guard this build lacks as unusable, and says why', async () => {
    const catalog = new LifecycleCatalog(guards).loadMissingFrom(source([version(1), version(2, 'isVip'), version(3)]));
    expect(catalog.offer(version(2, 'isVip'))).toEqual({ unusable: { machineId: 'door', version: 2, reason: 'door: unknown guard(s) isVip' } });
    expect(() => catalog.get('door', 2)).toThrow(LifecycleVersionUnusableError);
    await expect(catalog.resolve('door', 3)).resolves.toMatchObject({ machineId: 'door' });
    expect(catalog.unusableVersions()).toEqual([{ machineId: 'door', version: 2, reason: 'door: unknown guard(s) isVip' }]);
    await expect(catalog.resolve('door', 2)).rejects.toMatchObject({ code: 'WORKFLOW.VERSION_UNUSABLE', reason: 'door: unknown guard(s) isVip' });
  });
});
