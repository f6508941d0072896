/**
 * `deleteStream(..., { expectedRevision: 'stream_exists' })`: EventStoreDB's Delete RPC has a
 * `stream_exists` case, but @eventstore/db-client 6.2.1 does not map it (it would send the string
 * "stream_exists" as a revision). This sends the same DeleteReq the client builds, with
 * `stream_exists` set, through the client's own call path (channel, credentials, deadline and
 * reconnect handling are the client's). Remove it once the client maps the case itself.
 */
import { EventStoreDBClient, convertToCommandError, type Position } from '@eventstore/db-client';
import { Empty, StreamIdentifier } from '@eventstore/db-client/generated/shared_pb';
import { DeleteReq, type DeleteResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { Metadata, CallOptions } from '@grpc/grpc-js';

type Internals = {
  execute: <T>(client: typeof StreamsClient, name: string, action: (grpc: StreamsClient) => Promise<T>) => Promise<T>;
  callArguments: (options: object) => [Metadata, CallOptions];
};

export function deleteStreamIfExists(client: EventStoreDBClient, streamId: string): Promise<{ position?: Position }> {
  const options = new DeleteReq.Options();
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Uint8Array.from(Buffer.from(streamId, 'utf8')));
  options.setStreamIdentifier(identifier);
  options.setStreamExists(new Empty());
  const request = new DeleteReq();
  request.setOptions(options);
  const internals = client as unknown as Internals;
  return internals.execute(StreamsClient, 'deleteStream', (grpc) =>
    new Promise((resolve, reject) => {
      grpc.delete(request, ...internals.callArguments({}), (error: Error | null, response: DeleteResp) => {
        if (error) return reject(convertToCommandError(error));
        const position = response.getPosition();
        resolve(
          position
            ? { position: { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) } }
            : {},
        );
      });
    }),
  );
}
