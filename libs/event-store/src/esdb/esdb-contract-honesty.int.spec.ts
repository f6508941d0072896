/**
 * Is the contract run through the double honest? An adapter with a deliberately broken mapping
 * (no_stream and stream_exists swapped on the way to the client) must fail contract cases when
 * run through the same client, gRPC and double; the faithful adapter must pass the very same
 * cases through the same harness (so the failures are the mapping's, not the harness's).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKWARDS, FORWARDS, type AppendExpectedRevision } from '@eventstore/db-client';
import { eventStoreContract, type ContractSubject } from '../contract/event-store.contract';
import { END, START, type ExpectedRevision, type ReadAllOptions, type RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { runContractInProcess } from '../test-support/contract-harness';
import { EsdbDouble } from '../test-support/esdb-double/esdb-double';
import { EsdbEventStore, type EsdbEventStoreOptions } from './esdb-event-store';
import { toClientReadPosition, toRecordedEvent } from './esdb-mapping';

class SwappedMappingEsdbEventStore extends EsdbEventStore {
  protected override toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
    const mapped = super.toClientExpectedRevision(expected);
    return mapped === 'no_stream' ? 'stream_exists' : mapped === 'stream_exists' ? 'no_stream' : mapped;
  }
}

/** Reads `$all` as the server serves it, forgetting to drop system events ($metadata, tombstones). */
class UnfilteredEsdbEventStore extends EsdbEventStore {
  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    const read = this.client.readAll({
      direction: backwards ? BACKWARDS : FORWARDS,
      fromPosition: toClientReadPosition(options.fromPosition ?? (backwards ? END : START)),
      ...(options.maxCount !== undefined && { maxCount: options.maxCount }),
    });
    for await (const resolved of read) if (resolved.event) events.push(toRecordedEvent(resolved));
    return events;
  }
}

const EXPECTED_REVISION_CASES = /appending with an expected revision|idempotent re-append/;
const SYSTEM_EVENT_CASES = /never returns system events/;

async function runAgainst(Adapter: new (options: EsdbEventStoreOptions) => EsdbEventStore, only = EXPECTED_REVISION_CASES) {
  const backing = new SqliteEventStore({ file: join(mkdtempSync(join(tmpdir(), 'es-honesty-')), 'events.db'), durability: 'normal' });
  const double = await EsdbDouble.start({ store: backing, port: 0 });
  try {
    return await runContractInProcess(
      () =>
        eventStoreContract(
          Adapter.name,
          async (): Promise<ContractSubject> => ({ store: new Adapter({ connectionString: double.connectionString }) }),
        ),
      { only },
    );
  } finally {
    await double.close();
    await backing.close();
  }
}

describe('the contract through the gRPC double is honest', () => {
  it('fails an adapter that swaps no_stream and stream_exists', async () => {
    const outcomes = await runAgainst(SwappedMappingEsdbEventStore);
    const failed = outcomes.filter((o) => !o.passed);
    // Evidence in the CI log: which cases caught the swap, and how.
    console.log(
      `swapped no_stream/stream_exists mapping caught by ${failed.length} of ${outcomes.length} contract cases:\n` +
        failed.map((o) => `  caught by: ${o.name}\n      -> ${o.error}`).join('\n'),
    );
    const failedNames = failed.map((o) => o.name);
    for (const name of [
      'accepts no_stream for a new stream and returns revision 0 and a position',
      'refuses no_stream when the stream exists, reporting expected and actual',
      'refuses stream_exists for a stream that does not exist, with actual no_stream',
      'accepts stream_exists for an existing stream',
      'with no_stream answers a retried first append with the original revision and position, writing nothing',
    ]) {
      expect(failedNames).toContainEqual(expect.stringContaining(name));
    }
  });

  it('fails an adapter that does not drop system events, since the double serves them in $all as a server does', async () => {
    const outcomes = await runAgainst(UnfilteredEsdbEventStore, SYSTEM_EVENT_CASES);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.passed)).toEqual([]);
    expect((await runAgainst(EsdbEventStore, SYSTEM_EVENT_CASES)).filter((o) => !o.passed)).toEqual([]);
  });

  it('passes the same cases with the faithful mapping, through the same harness', async () => {
    const outcomes = await runAgainst(EsdbEventStore);
    expect(outcomes.length).toBeGreaterThanOrEqual(12);
    expect(outcomes.filter((o) => !o.passed)).toEqual([]);
  });
});
