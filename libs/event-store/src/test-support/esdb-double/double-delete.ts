/** Streams/Delete (soft delete) and Streams/Tombstone, through the port. */
import type { ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import { DeleteReq, DeleteResp, TombstoneReq, TombstoneResp } from '@eventstore/db-client/generated/streams_pb';
import type { DoubleContext } from './double-context';
import { expectedRevisionOf, streamNameOf, toServiceError } from './double-wire';

type Options = DeleteReq.Options | TombstoneReq.Options;

const expectedOf = (options: Options) =>
  expectedRevisionOf({
    hasNoStream: () => options.hasNoStream(),
    hasStreamExists: () => options.hasStreamExists(),
    hasAny: () => options.hasAny(),
    revision: () => (options.hasRevision() ? options.getRevision() : undefined),
  });

export function handleDelete(context: DoubleContext) {
  return (call: ServerUnaryCall<DeleteReq, DeleteResp>, callback: sendUnaryData<DeleteResp>): void => {
    const options = call.request.getOptions() as DeleteReq.Options;
    const streamId = streamNameOf(options.getStreamIdentifier());
    context.store.deleteStream(streamId, { expectedRevision: expectedOf(options) }).then(
      ({ position }) => {
        context.commits.fire();
        const resp = new DeleteResp();
        const at = new DeleteResp.Position();
        at.setCommitPosition(position.toString());
        at.setPreparePosition(position.toString());
        resp.setPosition(at);
        callback(null, resp);
      },
      (error: unknown) => callback(toServiceError(error, streamId)),
    );
  };
}

export function handleTombstone(context: DoubleContext) {
  return (call: ServerUnaryCall<TombstoneReq, TombstoneResp>, callback: sendUnaryData<TombstoneResp>): void => {
    const options = call.request.getOptions() as TombstoneReq.Options;
    const streamId = streamNameOf(options.getStreamIdentifier());
    context.store.tombstoneStream(streamId, { expectedRevision: expectedOf(options) }).then(
      ({ position }) => {
        context.commits.fire();
        const resp = new TombstoneResp();
        const at = new TombstoneResp.Position();
        at.setCommitPosition(position.toString());
        at.setPreparePosition(position.toString());
        resp.setPosition(at);
        callback(null, resp);
      },
      (error: unknown) => callback(toServiceError(error, streamId)),
    );
  };
}
