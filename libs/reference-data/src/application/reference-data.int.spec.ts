import { CommandPipeline, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { ReferenceIndex } from '../index/reference-index';
import { ReferenceAlreadyExistsConflictError, ReferenceUnusableError } from '../reference-data.errors';
import { NOW, cmd, tempFile } from '../test-support/reference-fixtures';
import { seedWorld } from '../test-support/seed-reference-data';
import { ReferenceDataService } from './reference-data.service';

describe('Reference data through the command pipeline (real SQLite file)', () => {
  let store: SqliteEventStore;
  let refs: ReferenceDataService;
  beforeEach(async () => {
    store = new SqliteEventStore({ file: tempFile(), now: () => NOW });
    const index = new ReferenceIndex(store);
    await index.start();
    refs = new ReferenceDataService(new CommandPipeline(store, new SequentialIds('refdata')), index);
    await seedWorld(refs);
  });
  afterEach(() => store.close());

  /** Runs a command that must be refused and checks the log did not move. */
  async function refusedWithoutWriting(run: () => Promise<unknown>): Promise<unknown> {
    const before = await store.headPosition();
    const error = await run().then(() => undefined, (e: unknown) => e);
    expect(await store.headPosition()).toBe(before);
    return error;
  }

  it('tells an auditor who changed a group\'s membership and when', async () => {
    await refs.execute('group', cmd('AddGroupMember', { id: 'workplace', userId: 'olga' }, 'user:lead-7'));
    await refs.execute('group', cmd('RemoveGroupMember', { id: 'workplace', userId: 'ana', reason: 'moved team' }, 'user:lead-7'));
    const history = await refs.history('group', 'workplace');
    expect(history.map((e) => [e.type, (e.data as { userId?: string }).userId, (e.metadata as { actor: string }).actor, (e.metadata as { occurredAt: string }).occurredAt])).toEqual([
      ['GroupCreated', undefined, 'user:admin', NOW.toISOString()],
      ['GroupMemberAdded', 'ana', 'user:admin', NOW.toISOString()],
      ['GroupMemberAdded', 'olga', 'user:lead-7', NOW.toISOString()],
      ['GroupMemberRemoved', 'ana', 'user:lead-7', NOW.toISOString()],
    ]);
    expect((await refs.index.get('group', 'workplace'))?.members).toEqual(['olga']);
  });

  it('refuses a member who is not a known user, or is inactive, and writes nothing', async () => {
    const unknown = await refusedWithoutWriting(() => refs.execute('group', cmd('AddGroupMember', { id: 'workplace', userId: 'nobody' })));
    expect(unknown).toBeInstanceOf(ReferenceUnusableError);
    expect((unknown as ReferenceUnusableError).errors).toEqual([{ path: '$.userId', message: "unknown user 'nobody'" }]);
    await refs.execute('user', cmd('DeactivateUser', { id: 'olga' }));
    const inactive = await refusedWithoutWriting(() => refs.execute('group', cmd('AddGroupMember', { id: 'workplace', userId: 'olga' })));
    expect((inactive as ReferenceUnusableError).errors[0].message).toBe("user 'olga' is inactive");
  });

  it('refuses a service whose owner or support group does not exist, and writes nothing', async () => {
    const error = await refusedWithoutWriting(() =>
      refs.execute('service', cmd('RegisterService', { id: 'email', name: 'Email', owner: 'ghost', supportGroup: 'nobody', slaPolicy: 'gold' })),
    );
    expect((error as ReferenceUnusableError).errors.map((e) => e.path)).toEqual(['$.owner', '$.supportGroup']);
  });

  it('refuses a CI of an unknown or retired service, and writes nothing', async () => {
    const unknown = await refusedWithoutWriting(() => refs.execute('ci', cmd('RegisterConfigurationItem', { id: 'db-1', name: 'db', type: 'database', owningService: 'payroll' })));
    expect((unknown as ReferenceUnusableError).code).toBe('REFERENCE_DATA.REFERENCE_NOT_ALLOWED');
    await refs.execute('service', cmd('ChangeServiceStage', { id: 'workplace', stage: 'retired' }));
    const retired = await refusedWithoutWriting(() => refs.execute('ci', cmd('RegisterConfigurationItem', { id: 'db-1', name: 'db', type: 'database', owningService: 'workplace' })));
    expect((retired as ReferenceUnusableError).errors[0].message).toBe("service 'workplace' is retired");
  });

  it('refuses a catalog item for a retired service or a missing offering, and writes nothing', async () => {
    const offering = await refusedWithoutWriting(() => refs.execute('catalog-item', cmd('DefineCatalogItem', { id: 'phone', name: 'Phone', service: 'workplace', offering: 'mobile' })));
    expect((offering as ReferenceUnusableError).errors).toEqual([{ path: '$.offering', message: "service 'workplace' has no offering 'mobile'" }]);
    const onUpdate = await refusedWithoutWriting(() => refs.execute('catalog-item', cmd('UpdateCatalogItem', { id: 'laptop', offering: 'mobile' })));
    expect((onUpdate as ReferenceUnusableError).errors).toEqual([{ path: '$.offering', message: "service 'workplace' has no offering 'mobile'" }]);
    await refs.execute('service', cmd('AddServiceOffering', { id: 'workplace', offeringId: 'mobile', name: 'Mobile' }));
    await refs.execute('catalog-item', cmd('UpdateCatalogItem', { id: 'laptop', offering: 'mobile' }));
    await refs.execute('service', cmd('ChangeServiceStage', { id: 'workplace', stage: 'retired' }));
    const retired = await refusedWithoutWriting(() => refs.execute('catalog-item', cmd('DefineCatalogItem', { id: 'phone', name: 'Phone', service: 'workplace' })));
    expect(retired).toBeInstanceOf(ReferenceUnusableError);
  });

  it('refuses to create a record twice (a conflict), and a retried command with the same idempotency key writes once', async () => {
    expect(await refusedWithoutWriting(() => refs.execute('user', cmd('RegisterUser', { id: 'ana', displayName: 'Ana again' })))).toBeInstanceOf(ReferenceAlreadyExistsConflictError);
    const first = await refs.execute('user', cmd('RegisterUser', { id: 'raj', displayName: 'Raj' }), { idempotencyKey: 'k-raj' });
    const again = await refs.execute('user', cmd('RegisterUser', { id: 'raj', displayName: 'Raj' }), { idempotencyKey: 'k-raj' });
    expect(again.replayed).toBe(true);
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
  });

  it('adds the same member from two concurrent commands once', async () => {
    await refs.execute('user', cmd('RegisterUser', { id: 'raj', displayName: 'Raj' }));
    const results = await Promise.all([1, 2, 3].map(() => refs.execute('group', cmd('AddGroupMember', { id: 'workplace', userId: 'raj' }))));
    expect(results.flatMap((r) => r.events)).toHaveLength(1);
    expect((await refs.history('group', 'workplace')).filter((e) => e.type === 'GroupMemberAdded')).toHaveLength(2);
  });
});
