import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END as CLIENT_END,
  EventStoreDBClient,
  FORWARDS,
  START as CLIENT_START,
  jsonEvent,
  type AppendExpectedRevision,
  type ExpectedRevision as ClientExpectedRevision,
  type Position as ClientPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  ANY,
  END,
  START,
  type AppendOptions,
  type AppendResult,
  type DeleteOptions,
  type DeleteResult,
  type EventData,
  type EventStore,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamMetadata,
  type StreamMetadataResult,
  type StreamRevision,
  type SubscribeToAllOptions,
  type SubscribeToStreamOptions,
  type Subscription,
} from '../event-store.port';
import { StreamNotFoundError } from '../event-store.errors';
import { validateAppend, validateStreamId } from '../event-store.validation';
import { METADATA_EVENT_TYPE, decodeStreamMetadata, encodeStreamMetadata, metadataStreamOf } from '../stream-metadata.codec';
import { deleteStreamIfExists } from './esdb-delete-stream-exists';
import { toPortAppendError, toPortError } from './esdb-errors';
import { planFilter, toClientFilter } from './esdb-filter';
import { isRealPosition, toClientExpectedRevision, toClientPosition, toClientReadPosition, toRecordedEvent } from './esdb-mapping';
import { DEFAULT_RECONNECT, EsdbSubscription, type ReconnectPolicy, type SubscriptionCursor } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`, `esdb+discover://cluster.example:2113`. */
  connectionString: string;
  /** How a dropped subscription is re-opened. */
  reconnect?: Partial<ReconnectPolicy>;
  /**
   * How long an append may take before the server gives up on it (sent as the BatchAppend
   * deadline); the port then answers StoreUnavailableError. Default: the client's (none).
   */
  appendDeadlineMs?: number;
}

/**
 * The EventStoreDB adapter: the port mapped 1:1 onto @eventstore/db-client. Revisions are stream
 * revisions, positions are commit positions, expected revisions and errors keep their names.
 * Appends are validated with the shared rules first, so an invalid event writes nothing; stream
 * metadata goes through the shared codec, so both adapters write the same `$metadata` JSON.
 */
export class EsdbEventStore implements EventStore {
  protected readonly client: EventStoreDBClient;
  private readonly reconnect: ReconnectPolicy;
  private readonly appendDeadlineMs: number | undefined;
  private readonly subscriptions = new Set<EsdbSubscription>();

  constructor(options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.reconnect = { ...DEFAULT_RECONNECT, ...options.reconnect };
    this.appendDeadlineMs = options.appendDeadlineMs;
  }

  async appendToStream(streamId: string, events: EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    validateAppend(streamId, events);
    const toClient = events.map((event) =>
      jsonEvent({ id: event.id, type: event.type, data: event.data, ...(event.metadata !== undefined && { metadata: event.metadata }) }),
    );
    try {
      const result = await this.client.appendToStream(streamId, toClient, {
        expectedRevision: this.toClientExpectedRevision(options.expectedRevision ?? ANY),
        ...(this.appendDeadlineMs !== undefined && { deadline: this.appendDeadlineMs }),
      });
      const position = isRealPosition(result.position)
        ? result.position.commit
        : await this.positionOfRevision(streamId, result.nextExpectedRevision);
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (error) {
      throw toPortAppendError(error, streamId);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamId(streamId);
    const direction = options.direction === 'backwards' ? BACKWARDS : FORWARDS;
    const fromRevision = options.fromRevision ?? (direction === BACKWARDS ? END : START);
    const read = this.client.readStream(streamId, {
      direction,
      fromRevision: fromRevision === START ? CLIENT_START : fromRevision === END ? CLIENT_END : fromRevision,
      ...(options.maxCount !== undefined && { maxCount: options.maxCount }),
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) events.push(toRecordedEvent(resolved));
    } catch (error) {
      throw toPortError(error, streamId);
    }
    return events;
  }

  /**
   * @eventstore/db-client 6.2.1 has no server-side filter on `readAll` (only on subscribeToAll),
   * so reads of `$all` are filtered here and stop, cancelling the server's read, once `maxCount`
   * matching events are in. Projections should subscribe (filtered on the server) instead.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (wanted <= 0) return [];
    const plan = planFilter(options.filter);
    const read = this.client.readAll({
      direction: backwards ? BACKWARDS : FORWARDS,
      fromPosition: toClientReadPosition(options.fromPosition ?? (backwards ? END : START)),
    });
    const events: RecordedEvent[] = [];
    let cancelled = false;
    // Never leave the loop early: a gRPC read abandoned half-way stays paused and never finishes
    // (the client's dispose() would wait for it forever). Cancel it and let it drain instead.
    for await (const resolved of read) {
      if (cancelled || !resolved.event || !plan.accepts(resolved.event)) continue;
      events.push(toRecordedEvent(resolved));
      if (events.length >= wanted) {
        cancelled = true;
        await read.cancel();
      }
    }
    return events;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const plan = planFilter(options.filter);
    const from = options.fromPosition ?? START;
    return this.track(
      new EsdbSubscription(
        {
          open: (cursor, onCheckpoint) =>
            this.client.subscribeToAll({
              fromPosition: cursor === 'start' ? CLIENT_START : toClientPosition(cursor),
              filter: toClientFilter(plan, onCheckpoint),
            }),
          accepts: (resolved) => resolved.event !== undefined && plan.accepts(resolved.event),
          cursorOf: (resolved) => positionOf(resolved),
          onCheckpoint: options.onCheckpoint,
          toPortError: (error) => toPortError(error, '$all'),
        },
        from === START ? 'start' : from,
        this.reconnect,
      ),
    );
  }

  subscribeToStream(streamId: string, options: SubscribeToStreamOptions = {}): Subscription {
    validateStreamId(streamId);
    const from = options.fromRevision ?? START;
    return this.track(
      new EsdbSubscription(
        {
          open: (cursor) => this.client.subscribeToStream(streamId, { fromRevision: cursor === 'start' ? CLIENT_START : cursor }),
          accepts: (resolved) => resolved.event !== undefined,
          cursorOf: (resolved) => resolved.event?.revision ?? -1n,
          toPortError: (error) => toPortError(error, streamId),
        },
        (from === START ? 'start' : from) as SubscriptionCursor,
        this.reconnect,
      ),
    );
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadataResult> {
    validateStreamId(streamId);
    let last: RecordedEvent[];
    try {
      last = await this.readStream(metadataStreamOf(streamId), { direction: 'backwards', maxCount: 1 });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { streamId, metadata: {} };
      throw error;
    }
    if (last.length === 0) return { streamId, metadata: {} };
    return { streamId, metadata: decodeStreamMetadata(last[0].data), metaRevision: last[0].revision };
  }

  setStreamMetadata(streamId: string, metadata: StreamMetadata, options: AppendOptions = {}): Promise<AppendResult> {
    const event: EventData = { id: randomUUID(), type: METADATA_EVENT_TYPE, data: encodeStreamMetadata(metadata) };
    return this.appendToStream(metadataStreamOf(streamId), [event], options);
  }

  async deleteStream(streamId: string, options: DeleteOptions = {}): Promise<DeleteResult> {
    validateStreamId(streamId);
    const expected = this.toClientExpectedRevision(options.expectedRevision ?? ANY);
    try {
      const result =
        expected === 'stream_exists'
          ? await deleteStreamIfExists(this.client, streamId)
          : await this.client.deleteStream(streamId, { expectedRevision: expected });
      return { position: await this.positionOr(result.position) };
    } catch (error) {
      throw toPortError(error, streamId);
    }
  }

  async tombstoneStream(streamId: string, options: DeleteOptions = {}): Promise<DeleteResult> {
    validateStreamId(streamId);
    const expected = this.toClientExpectedRevision(options.expectedRevision ?? ANY);
    try {
      // The client's type omits stream_exists here, its implementation maps it.
      const result = await this.client.tombstoneStream(streamId, { expectedRevision: expected as ClientExpectedRevision });
      return { position: await this.positionOr(result.position) };
    } catch (error) {
      throw toPortError(error, streamId);
    }
  }

  async headPosition(): Promise<Position | undefined> {
    let head: Position | undefined;
    // Read to the end (one event): see readAll on why a client read is never abandoned.
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: CLIENT_END, maxCount: 1 })) {
      head = positionOf(resolved);
    }
    return head;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.unsubscribe()));
    await this.client.dispose();
    const channel = await (this.client as unknown as { getChannel(): Promise<{ close(): void }> }).getChannel();
    channel.close();
  }

  /** The one place the port's expected revision becomes the client's (a seam for the honesty check). */
  protected toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
    return toClientExpectedRevision(expected);
  }

  private async positionOfRevision(streamId: string, revision: StreamRevision): Promise<Position> {
    // Only when the server answered without a position (it does so for some idempotent retries).
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`EventStoreDB reported revision ${revision} of ${streamId} without a position`);
    return event.position;
  }

  private async positionOr(position: ClientPosition | undefined): Promise<Position> {
    if (isRealPosition(position)) return position.commit;
    return (await this.headPosition()) ?? 0n;
  }

  private track(subscription: EsdbSubscription): EsdbSubscription {
    this.subscriptions.add(subscription);
    const unsubscribe = subscription.unsubscribe.bind(subscription);
    subscription.unsubscribe = async () => {
      this.subscriptions.delete(subscription);
      await unsubscribe();
    };
    return subscription;
  }
}

function positionOf(resolved: ResolvedEvent): bigint {
  const position = resolved.event?.position;
  return isRealPosition(position) ? position.commit : (resolved.commitPosition ?? -1n);
}
