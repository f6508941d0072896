/**
 * A gRPC test double of EventStoreDB: the services @eventstore/db-client calls, served by
 * @grpc/grpc-js from the service definitions generated inside the client package, translating
 * each call onto the event-store port of an embedded store. The adapter under test talks to it
 * exactly as it talks to a server: real client, real channel, real protobuf on a loopback port.
 *
 * Served: ServerFeatures/GetSupportedMethods, Gossip/Read (so `esdb+discover://` works),
 * Streams/Read (stream and `$all` reads, subscriptions with filters, checkpoints, caught-up),
 * Streams/Append, Streams/BatchAppend (advertised by default, as EventStoreDB 21.10+ does, so the
 * client takes the path it takes in production; `batchAppend: false` makes it use Append),
 * Streams/Delete, Streams/Tombstone. Not served: persistent subscriptions, projections, users,
 * operations, links and `resolveLinkTos`, ACLs and credentials.
 * As a server does: reports a 24.10 version, stores binary and non-object JSON events as given,
 * serves system events (`$metadata`, tombstones) in `$all`, refuses appends over 1 MiB, and
 * answers a BatchAppend whose deadline passed with Timeout.
 */
import { Server, ServerCredentials, type ServerWritableStream, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import type { EventStore } from '../../event-store.port';
import { CommitSignal, hasSystemEventLog, type DoubleContext } from './double-context';
import { handleAppend, handleBatchAppend } from './double-append';
import { handleDelete, handleTombstone } from './double-delete';
import { handleRead } from './double-read';
import { unavailable, uuidMessage } from './double-wire';

export interface EsdbDoubleOptions {
  /** The store behind the wire; the caller owns it (the double never closes it). Positions must be integers. */
  store: EventStore;
  /** 0 = an ephemeral port. */
  port?: number;
  host?: string;
  /** Advertise Streams/BatchAppend in ServerFeatures (default true, like EventStoreDB 21.10+). */
  batchAppend?: boolean;
  pollIntervalMs?: number;
  pageSize?: number;
  /** EventStoreDB's MaxAppendSize; default 1 MiB (1,048,576 bytes), the server's default. */
  maxAppendSize?: number;
}

/**
 * What ServerFeatures reports: a server sends the first three parts of its version (KurrentDB
 * `ServerFeatures.cs`), which clients and their test suites compare to gate features.
 */
export const DOUBLE_SERVER_VERSION = '24.10.0';

const STREAMS = 'event_store.client.streams.Streams';

export class EsdbDouble {
  private readonly context: DoubleContext;

  private constructor(
    private readonly server: Server,
    context: DoubleContext,
    readonly host: string,
    readonly port: number,
    private readonly calls: Map<string, number>,
  ) {
    this.context = context;
  }

  static async start(options: EsdbDoubleOptions): Promise<EsdbDouble> {
    const host = options.host ?? '127.0.0.1';
    const store = options.store;
    const context: DoubleContext = {
      store,
      commits: new CommitSignal(),
      subscriptions: new Set(),
      pollIntervalMs: options.pollIntervalMs ?? 500,
      pageSize: options.pageSize ?? 256,
      // Without a log reader (a store that is not the embedded one) $all carries no system events.
      readLog: hasSystemEventLog(store) ? (o) => store.readLog(o) : (o) => store.readAll(o),
      maxAppendSize: options.maxAppendSize ?? 1_048_576,
    };
    const server = new Server();
    const port = { value: options.port ?? 0 };
    const calls = new Map<string, number>();
    const counted =
      <A extends unknown[]>(name: string, handler: (...args: A) => void) =>
      (...args: A): void => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        handler(...args);
      };
    server.addService(StreamsService, {
      read: counted('Streams/Read', handleRead(context)),
      append: counted('Streams/Append', handleAppend(context)),
      batchAppend: counted('Streams/BatchAppend', handleBatchAppend(context)),
      delete: counted('Streams/Delete', handleDelete(context)),
      tombstone: counted('Streams/Tombstone', handleTombstone(context)),
    } as unknown as UntypedServiceImplementation);
    server.addService(ServerFeaturesService, {
      getSupportedMethods: counted(
        'ServerFeatures/GetSupportedMethods',
        (_call: unknown, callback: (error: null, value: SupportedMethods) => void) => callback(null, supportedMethods(options.batchAppend ?? true)),
      ),
    } as unknown as UntypedServiceImplementation);
    server.addService(GossipService, {
      read: counted('Gossip/Read', (_call: unknown, callback: (error: null, value: ClusterInfo) => void) =>
        callback(null, clusterInfo(host, port.value)),
      ),
    } as unknown as UntypedServiceImplementation);
    port.value = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${host}:${port.value}`, ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    return new EsdbDouble(server, context, host, port.value, calls);
  }

  /** How many calls each method received (a BatchAppend stream counts once, however many appends it carries). */
  callsTo(method: string): number {
    return this.calls.get(method) ?? 0;
  }

  /** What a client connects with; the double speaks plain HTTP/2, as a server in insecure mode does. */
  get connectionString(): string {
    return `esdb://${this.host}:${this.port}?tls=false`;
  }

  get discoverConnectionString(): string {
    return `esdb+discover://${this.host}:${this.port}?tls=false`;
  }

  /** Ends every open subscription with UNAVAILABLE, as a server restart or a network cut would. */
  dropSubscriptions(): number {
    const calls = [...this.context.subscriptions];
    this.context.subscriptions.clear();
    for (const call of calls as ServerWritableStream<unknown, unknown>[]) {
      if (!call.cancelled && call.writable) call.emit('error', unavailable('subscription dropped by the EventStoreDB test double'));
    }
    return calls.length;
  }

  async close(): Promise<void> {
    this.server.forceShutdown();
    this.context.commits.fire();
  }
}

function supportedMethods(batchAppend: boolean): SupportedMethods {
  const method = (service: string, name: string, features: string[] = []): SupportedMethod => {
    const supported = new SupportedMethod();
    supported.setServiceName(service);
    supported.setMethodName(name);
    supported.setFeaturesList(features);
    return supported;
  };
  const methods = [
    method(STREAMS, 'Read', ['position', 'events']),
    method(STREAMS, 'Append'),
    method(STREAMS, 'Delete'),
    method(STREAMS, 'Tombstone'),
    method('event_store.client.gossip.Gossip', 'Read'),
    method('event_store.client.server_features.ServerFeatures', 'GetSupportedMethods'),
  ];
  if (batchAppend) methods.push(method(STREAMS, 'BatchAppend'));
  const result = new SupportedMethods();
  result.setMethodsList(methods);
  result.setEventStoreServerVersion(DOUBLE_SERVER_VERSION);
  return result;
}

const INSTANCE_ID = crypto.randomUUID();

function clusterInfo(host: string, port: number): ClusterInfo {
  const endpoint = new EndPoint();
  endpoint.setAddress(host);
  endpoint.setPort(port);
  const member = new MemberInfo();
  member.setInstanceId(uuidMessage(INSTANCE_ID, false));
  member.setTimeStamp((BigInt(Date.now()) * 10_000n).toString());
  member.setState(MemberInfo.VNodeState.LEADER);
  member.setIsAlive(true);
  member.setHttpEndPoint(endpoint);
  const info = new ClusterInfo();
  info.setMembersList([member]);
  return info;
}
