import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandPipeline, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { createTicketDecider } from '../decider/ticket.decider';
import { meta, taskCatalog, taskProcess } from '../test-support/task-process';
import { TicketSearchIndex } from './ticket-search-index';

const ID1 = '0b9f3c1e-7a55-4f0e-9d7b-2e6c1f0a8b11';
const ID2 = '5a1c7e2d-3b4f-4c6a-8d9e-0f1a2b3c4d5e';

describe('Ticket search index: tickets of one process, followed from the store', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'search-')), 'events.db');
  const decider = createTicketDecider(taskProcess, taskCatalog());
  // Two processes on one file, each with its own connection. The reader polls rarely: a commit of
  // its own (the poke) wakes its subscription, as an API's own writes do; the test waits on the
  // position, never on time.
  const writer = new SqliteEventStore({ file });
  const reader = new SqliteEventStore({ file, pollIntervalMs: 60_000 });
  const pipeline = new CommandPipeline(writer, new SequentialIds('search'));
  const index = new TicketSearchIndex(reader, decider, { include: (t) => t.state !== 'cancelled', textFields: ['title', 'notes'] });
  const open = (ticketId: string, input: Record<string, unknown>) => pipeline.run(decider, `task-${ticketId}`, { type: 'OpenTicket', data: { ticketId, input }, metadata: meta });

  beforeAll(() => index.start());
  afterAll(async () => {
    await index.stop();
    await writer.close();
    await reader.close();
  });

  it("finds another process's tickets by every word of the text and by field value, once caught up to the head", async () => {
    await open(ID1, { title: 'Patch the VPN concentrator', notes: 'Firmware 9.2' });
    const last = await open(ID2, { title: 'Replace the VPN token', notes: 'Hardware token' });
    await reader.appendToStream('poke', [{ id: '7e57b0b0-0000-4000-8000-000000000001', type: 'Poked', data: {} }]);
    await index.caughtUpTo(last.position);
    expect(index.search({ text: 'vpn' }).map((t) => t.id).sort()).toEqual([ID1, ID2].sort());
    expect(index.search({ text: 'VPN firmware' }).map((t) => t.id)).toEqual([ID1]);
    expect(index.search({ text: 'vpn', equals: { title: 'Replace the VPN token' } }).map((t) => t.id)).toEqual([ID2]);
    expect(index.search({ text: 'printer' })).toEqual([]);
  });

  it('ignores streams of other processes that share the prefix', async () => {
    await writer.appendToStream('task-list-7', [{ id: '7e57b0b0-0000-4000-8000-000000000002', type: 'TaskOpened', data: { ticketId: 'x', title: 'VPN' } }]);
    await reader.appendToStream('poke', [{ id: '7e57b0b0-0000-4000-8000-000000000003', type: 'Poked', data: {} }]);
    await index.caughtUpTo(await reader.headPosition());
    expect(index.search({ text: 'vpn' })).toHaveLength(2);
  });
});
