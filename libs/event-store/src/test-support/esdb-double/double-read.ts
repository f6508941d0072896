/**
 * Streams/Read: reads of a stream or of `$all` in either direction, and catch-up subscriptions
 * (history, then `caught_up`, then live) with server-side filters and checkpoints, following
 * EventStoreDB 24's filtered `$all` subscription: a checkpoint after every `max search window x
 * checkpoint interval multiplier` events considered, and one when catch-up reaches the end, at the
 * position of the last event considered (matching or not).
 */
import { type ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { END, START, type Position, type RecordedEvent } from '../../event-store.port';
import { StreamNotFoundError } from '../../event-store.errors';
import type { DoubleContext } from './double-context';
import { readEventResp, streamIdentifier, streamNameOf, toServiceError } from './double-wire';

type Call = ServerWritableStream<ReadReq, ReadResp>;

const DEFAULT_SEARCH_WINDOW = 32;

interface WireFilter {
  matches(event: RecordedEvent): boolean;
  window: number;
  checkpointEvery: number;
}

function wireFilterOf(options: ReadReq.Options): WireFilter | undefined {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter() as ReadReq.Options.FilterOptions;
  const onStream = filter.hasStreamIdentifier();
  const expression = (onStream ? filter.getStreamIdentifier() : filter.getEventType()) as ReadReq.Options.FilterOptions.Expression;
  const prefixes = expression.getPrefixList();
  // EventStoreDB uses the prefixes when there are any, else the regex (unanchored, like IsMatch).
  const regex = prefixes.length === 0 && expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    matches: (event) => {
      const value = onStream ? event.streamId : event.type;
      if (prefixes.length > 0) return prefixes.some((prefix) => value.startsWith(prefix));
      return regex ? regex.test(value) : true;
    },
    window,
    checkpointEvery: Math.max(1, filter.getCheckpointintervalmultiplier()) * window,
  };
}

/** Writes with backpressure; resolves false once the call is gone. */
async function send(call: Call, message: ReadResp, gone: () => boolean): Promise<boolean> {
  if (gone()) return false;
  if (call.write(message)) return true;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      call.off('drain', done);
      call.off('cancelled', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
  });
  return !gone();
}

export function handleRead(context: DoubleContext) {
  return (call: Call): void => {
    let finished = false;
    const gone = (): boolean => finished || call.cancelled;
    call.on('cancelled', () => (finished = true));
    const options = call.request.getOptions() as ReadReq.Options;
    const streamName = options.hasStream() ? streamNameOf(options.getStream()?.getStreamIdentifier()) : '$all';
    const run = options.hasSubscription() ? subscribe(context, call, options, gone) : read(context, call, options, gone);
    run.then(
      () => {
        if (gone()) return;
        finished = true;
        call.end();
      },
      (error: unknown) => {
        if (gone()) return;
        finished = true;
        call.emit('error', toServiceError(error, streamName));
      },
    );
  };
}

async function read(context: DoubleContext, call: Call, options: ReadReq.Options, gone: () => boolean): Promise<void> {
  const structured = options.getUuidOption()?.hasStructured() ?? false;
  const backwards = options.getReadDirection() === 1;
  const direction = backwards ? 'backwards' : 'forwards';
  let remaining = options.hasCount() ? Number(BigInt(options.getCount())) : Number.MAX_SAFE_INTEGER;
  const page = context.pageSize;
  if (options.hasStream()) {
    const streamOptions = options.getStream() as ReadReq.Options.StreamOptions;
    const streamId = streamNameOf(streamOptions.getStreamIdentifier());
    let from: bigint | typeof START | typeof END = streamOptions.hasStart() ? START : streamOptions.hasEnd() ? END : BigInt(streamOptions.getRevision());
    let first = true;
    while (remaining > 0) {
      let events: RecordedEvent[];
      try {
        events = await context.store.readStream(streamId, { direction, fromRevision: from, maxCount: Math.min(page, remaining) });
      } catch (error) {
        if (!(first && error instanceof StreamNotFoundError)) throw error;
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(streamIdentifier(streamId));
        const resp = new ReadResp();
        resp.setStreamNotFound(notFound);
        await send(call, resp, gone);
        return;
      }
      first = false;
      for (const event of events) if (!(await send(call, readEventResp(event, structured, false), gone))) return;
      remaining -= events.length;
      if (events.length < page) return;
      const last = events[events.length - 1].revision;
      if (backwards && last === 0n) return;
      from = backwards ? last - 1n : last + 1n;
    }
    return;
  }
  const allOptions = options.getAll() as ReadReq.Options.AllOptions;
  let from: Position | typeof START | typeof END = allOptions.hasStart()
    ? START
    : allOptions.hasEnd()
      ? END
      : BigInt((allOptions.getPosition() as ReadReq.Options.Position).getCommitPosition());
  const filter = wireFilterOf(options);
  while (remaining > 0) {
    const events = await context.readLog({ direction, fromPosition: from, maxCount: page });
    for (const event of events) {
      if (filter && !filter.matches(event)) continue;
      if (!(await send(call, readEventResp(event, structured, true), gone))) return;
      if (--remaining === 0) return;
    }
    if (events.length < page) return;
    const last = events[events.length - 1].position;
    // Forwards reads are inclusive of their position, backwards reads exclusive (positions are cursors).
    from = backwards ? last : last + 1n;
  }
}

async function subscribe(context: DoubleContext, call: Call, options: ReadReq.Options, gone: () => boolean): Promise<void> {
  const structured = options.getUuidOption()?.hasStructured() ?? false;
  context.subscriptions.add(call as ServerWritableStream<unknown, unknown>);
  try {
    const confirmation = new ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(crypto.randomUUID());
    const confirmed = new ReadResp();
    confirmed.setConfirmation(confirmation);
    if (!(await send(call, confirmed, gone))) return;
    const source = options.hasStream() ? await streamSource(context, options) : await allSource(context, options);
    let caughtUp = false;
    let considered = 0;
    while (!gone()) {
      // Take the wake-up before reading, so a commit between the read and the wait is not missed.
      const woken = context.commits.next();
      const page = await source.readPage();
      for (const event of page.events) {
        if (gone()) return;
        source.advance(event);
        if (!source.filter || source.filter.matches(event)) {
          if (!(await send(call, readEventResp(event, structured, !options.hasStream()), gone))) return;
        }
        if (source.filter && ++considered >= source.filter.checkpointEvery) {
          considered %= source.filter.checkpointEvery;
          if (!(await send(call, checkpointResp(event.position), gone))) return;
        }
      }
      if (!page.atEnd) continue;
      if (!caughtUp) {
        caughtUp = true;
        const position = source.position();
        if (source.filter && position !== undefined && !(await send(call, checkpointResp(position), gone))) return;
        const resp = new ReadResp();
        resp.setCaughtUp(new ReadResp.CaughtUp());
        if (!(await send(call, resp, gone))) return;
      }
      await context.commits.waitForCommit(woken, context.pollIntervalMs);
    }
  } finally {
    context.subscriptions.delete(call as ServerWritableStream<unknown, unknown>);
  }
}

function checkpointResp(position: bigint): ReadResp {
  const checkpoint = new ReadResp.Checkpoint();
  checkpoint.setCommitPosition(position.toString());
  checkpoint.setPreparePosition(position.toString());
  const resp = new ReadResp();
  resp.setCheckpoint(checkpoint);
  return resp;
}

interface SubscriptionSource {
  readPage(): Promise<{ events: RecordedEvent[]; atEnd: boolean }>;
  advance(event: RecordedEvent): void;
  /** The `$all` position reached, for the caught-up checkpoint. */
  position(): bigint | undefined;
  filter?: WireFilter;
}

async function allSource(context: DoubleContext, options: ReadReq.Options): Promise<SubscriptionSource> {
  const allOptions = options.getAll() as ReadReq.Options.AllOptions;
  // Exclusive cursor over the store's integer positions; undefined = before the first event.
  let after: bigint | undefined = allOptions.hasStart()
    ? undefined
    : allOptions.hasEnd()
      ? await context.store.headPosition()
      : BigInt((allOptions.getPosition() as ReadReq.Options.Position).getCommitPosition());
  const filter = wireFilterOf(options);
  const size = filter ? filter.window : context.pageSize;
  return {
    filter,
    readPage: async () => {
      const events = await context.readLog({ fromPosition: after === undefined ? START : after + 1n, maxCount: size });
      return { events, atEnd: events.length < size };
    },
    advance: (event) => (after = event.position),
    position: () => after,
  };
}

async function streamSource(context: DoubleContext, options: ReadReq.Options): Promise<SubscriptionSource> {
  const streamOptions = options.getStream() as ReadReq.Options.StreamOptions;
  const streamId = streamNameOf(streamOptions.getStreamIdentifier());
  const lastRevision = async (): Promise<bigint> => {
    try {
      const [last] = await context.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      return last?.revision ?? -1n;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return -1n;
      throw error;
    }
  };
  let after = streamOptions.hasStart() ? -1n : streamOptions.hasEnd() ? await lastRevision() : BigInt(streamOptions.getRevision());
  const size = context.pageSize;
  return {
    readPage: async () => {
      try {
        const events = await context.store.readStream(streamId, { fromRevision: after + 1n, maxCount: size });
        return { events, atEnd: events.length < size };
      } catch (error) {
        // A stream that does not exist (yet, or any more after a soft delete) has nothing to send.
        if (error instanceof StreamNotFoundError) return { events: [], atEnd: true };
        throw error;
      }
    },
    advance: (event) => (after = event.revision),
    position: () => undefined,
  };
}
