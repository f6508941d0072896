import { join } from 'node:path';
import { tempSqliteFile } from '@itil/engine/testing/temp-store';
import { migrateRunnerTables, openReadModelDb, ReadModelBehindError, type ReadModelDb } from '@itil/read-models';
import type { SqliteEventStore } from '@itil/event-store';
import type { ReadSideService } from '../read-models/read-side.service';
import { ReadSideCsiReports } from './csi-report.adapter';

/** A baseline is only as good as the read model it is read from: never measure one that is behind. */
describe('The register\'s CSI port over the read side', () => {
  const tmp = tempSqliteFile('csi-port-');
  let store: SqliteEventStore;
  let rm: ReadModelDb;
  const report = jest.fn(async () => ({ definition: 'd', rows: [{ period: '2026-03-02', service: 'vpn', count: 1, meanMinutes: 5 }] }));
  const side = () => ({ rm, csi: { report } }) as unknown as ReadSideService;
  const request = { metric: 'mttr' as const, from: '2026-02-24', to: '2026-03-02' };

  beforeEach(async () => {
    report.mockClear();
    store = tmp.open();
    rm = openReadModelDb({ file: join(tmp.file, '..', 'read-models.db') });
    await migrateRunnerTables(rm.db);
  });
  afterEach(async () => {
    await rm.close();
    await store.close();
  });
  afterAll(() => tmp.remove());

  it('measures at once when the store is empty (nothing to wait for)', async () => {
    await expect(new ReadSideCsiReports(side(), store, 50).dailyByService(request)).resolves.toEqual({ definition: 'd', rows: [expect.objectContaining({ service: 'vpn' })] });
    expect(report).toHaveBeenCalledWith({ metric: 'mttr', period: 'day', by: 'service', from: '2026-02-24', to: '2026-03-02', asOf: undefined });
  });

  it('refuses (503 NOT_CAUGHT_UP) rather than measure while the csi projection is behind the store', async () => {
    await store.appendToStream('incident-x', [{ id: '5f0c9d9e-0000-4000-8000-000000000001', type: 'Anything', data: {}, metadata: {} }]);
    await expect(new ReadSideCsiReports(side(), store, 50).dailyByService(request)).rejects.toBeInstanceOf(ReadModelBehindError);
    expect(report).not.toHaveBeenCalled();
  });
});
