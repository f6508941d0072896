import type { EventData, JsonObject } from '@itil/event-store';
import { envelop, unwrap, verifyHash } from './envelope-codec';
import { NonJsonValueError } from './envelope.errors';
import { verifyChain } from './hash-chain';
import { tempSqliteFile } from '../testing/temp-store';

const at = new Date('2026-03-02T10:00:00.000Z');
const wrap = (streamId: string, revision: bigint, data: Record<string, unknown>, previousHash: string | null, n: number): EventData =>
  envelop(
    { type: 'Noted', data: data as JsonObject },
    { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, streamId, revision, actor: 'user:ana', occurredAt: at, correlationId: 'c', causationId: null, machine: null, idempotencyKey: null, previousHash },
  );

/** Appends a chain of n events to a stream through the real store, each linked to the one before. */
async function writeChain(store: ReturnType<ReturnType<typeof tempSqliteFile>['open']>, streamId: string, n: number) {
  let previous: string | null = null;
  for (let i = 0; i < n; i++) {
    const event = wrap(streamId, BigInt(i), { note: `n${i}` }, previous, i + 1);
    previous = (event.metadata as { hash: string }).hash;
    await store.appendToStream(streamId, [event], { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) });
  }
  return (await store.readStream(streamId)).map((e) => unwrap(e));
}

describe('The hash chain, against what the store keeps', () => {
  const tmp = tempSqliteFile('hash-');
  const store = tmp.open();
  afterAll(async () => {
    await store.close();
    tmp.remove();
  });

  it('hashes an undefined array item as the null the store keeps, so the stored event verifies', async () => {
    const event = wrap('s-undefined', 0n, { tags: ['a', undefined], gone: undefined }, null, 1);
    expect(event.data).toEqual({ tags: ['a', null] });
    await store.appendToStream('s-undefined', [event]);
    const [stored] = (await store.readStream('s-undefined')).map((e) => unwrap(e));
    expect(stored.data).toEqual({ tags: ['a', null] });
    expect(verifyHash(stored)).toBe(true);
  });

  it('hashes a Date as the ISO string the store keeps, never as {}', async () => {
    const event = wrap('s-date', 0n, { due: new Date('2026-03-05T09:00:00.000Z') }, null, 1);
    const other = wrap('s-date', 0n, { due: new Date('2027-01-01T00:00:00.000Z') }, null, 1);
    expect(event.data).toEqual({ due: '2026-03-05T09:00:00.000Z' });
    expect(event.metadata!.hash).not.toBe(other.metadata!.hash);
    await store.appendToStream('s-date', [event]);
    const [stored] = (await store.readStream('s-date')).map((e) => unwrap(e));
    expect(verifyHash(stored)).toBe(true);
  });

  it('refuses values JSON would store as something else, before anything is written', () => {
    for (const bad of [{ n: Number.NaN }, { n: Infinity }, { m: new Map([['a', 1]]) }, { s: new Set([1]) }, { b: 1n }, { f: () => 1 }]) {
      expect(() => wrap('s-bad', 0n, bad, null, 1)).toThrow(NonJsonValueError);
    }
  });

  it('verifies a chain as stored, and finds an altered event', async () => {
    const chain = await writeChain(store, 's-chain', 3);
    expect(verifyChain(chain)).toBeNull();
    expect(verifyHash({ ...chain[1], data: { note: 'tampered' } })).toBe(false);
  });

  it('detects an event moved to another stream or another revision', async () => {
    const [first] = await writeChain(store, 's-source', 2);
    const raw = { id: first.id, type: first.type, data: first.data, metadata: first.envelope as unknown as JsonObject };
    // A forger copies the event, envelope and hash untouched, to another stream...
    await store.appendToStream('s-elsewhere', [raw]);
    const [moved] = (await store.readStream('s-elsewhere')).map((e) => unwrap(e));
    expect(verifyHash(moved)).toBe(false);
    // ...or to another revision of a stream.
    await store.appendToStream('s-shifted', [wrap('s-shifted', 0n, { note: 'x' }, null, 9), raw]);
    const shifted = (await store.readStream('s-shifted')).map((e) => unwrap(e));
    expect(verifyHash(shifted[1])).toBe(false);
  });

  it('detects an event dropped from the middle of a stream', async () => {
    const chain = await writeChain(store, 's-full', 3);
    // A forger rewrites the file with the same stream minus its second event (revisions
    // renumbered, envelopes and hashes untouched).
    const forged = tempSqliteFile('hash-forged-');
    const rewritten = forged.open();
    const kept = [chain[0], chain[2]].map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.envelope as unknown as JsonObject }));
    await rewritten.appendToStream('s-full', kept);
    const dropped = (await rewritten.readStream('s-full')).map((e) => unwrap(e));
    await rewritten.close();
    forged.remove();
    expect(verifyHash(dropped[0])).toBe(true);
    expect(verifyChain(dropped)).toEqual({ revision: 1n, reason: 'hash' });
    // The link is broken too: the survivor names the dropped event's hash as its previous.
    expect(verifyChain([dropped[0], { ...chain[2] }])).toEqual({ revision: 2n, reason: 'link' });
  });

  it('still verifies events stored with the first hash scheme (no hashScheme in the envelope)', async () => {
    // Written by the engine before hash scheme 2 (captured from that build, hashes included).
    const envelope = (hash: string, previousHash: string | null, occurredAt: string, correlationId: string, causationId: string, idempotencyKey: string | null) => ({
      schemaVersion: 1, actor: 'user:ana', occurredAt, correlationId, causationId, machine: { id: 'incident', version: 1 }, idempotencyKey, previousHash, hash,
    });
    const h1 = 'sha256:626869fda65cc1206034ae9f1846ba1c7c219329ac34712e3b731778af3ad85a';
    const h2 = 'sha256:216294d8bfa705578dcadb8128050382f7882ab620f7742252057db897b7800a';
    const old: EventData[] = [
      { id: '6f1c2c52-9a1b-4c1e-8c1a-1d2e3f4a5b6c', type: 'IncidentLogged', data: { incidentId: 'i-1', title: 'VPN down', tags: ['a', 'b'], priority: 2 }, metadata: envelope(h1, null, '2026-03-02T10:00:00.000Z', 'corr-1', 'cmd-1', 'k-1') },
      { id: '7a2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', type: 'IncidentCommented', data: { text: 'hello', visibility: 'internal' }, metadata: envelope(h2, h1, '2026-03-02T10:05:00.000Z', 'corr-2', 'cmd-2', null) },
    ];
    await store.appendToStream('s-old', old);
    // A new event continues the old chain with scheme 2.
    await store.appendToStream('s-old', [wrap('s-old', 2n, { note: 'new scheme' }, h2, 3)], { expectedRevision: 1n });
    const chain = (await store.readStream('s-old')).map((e) => unwrap(e));
    expect(chain.map((e) => e.envelope.hashScheme)).toEqual([undefined, undefined, 2]);
    expect(verifyChain(chain)).toBeNull();
    expect(verifyHash({ ...chain[0], data: { ...chain[0].data, title: 'VPN up' } })).toBe(false);
  });

  it('cannot vouch for a scheme newer than this build', async () => {
    const [event] = await writeChain(store, 's-future', 1);
    expect(verifyHash({ ...event, envelope: { ...event.envelope, hashScheme: 3 } })).toBe(false);
  });
});
