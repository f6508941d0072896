import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, unwrap, type Clock, type CommandResult, type DomainEvent } from '@itil/engine';
import { idProblem, ReferenceInputInvalidError, ReferenceNotFoundError, type ReferenceCommands, type ReferenceDataService, type ReferenceIndex, type ReferenceKind } from '@itil/reference-data';
import type { Response } from 'express';
import type { RequestContext } from '../http/request-context';
import { REFERENCE_DATA_SERVICE, REFERENCE_INDEX } from './reference-data.tokens';

/**
 * What every reference-data controller does: build the command (who, when) from the request,
 * run it, answer with the record, its revision (also the ETag) and the events written; read one
 * record (404 when unknown) or its history. Controllers only map routes onto these.
 */
@Injectable()
export class ReferenceHttp {
  constructor(
    @Inject(REFERENCE_DATA_SERVICE) private readonly refs: ReferenceDataService,
    @Inject(REFERENCE_INDEX) readonly index: ReferenceIndex,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run<K extends ReferenceKind>(kind: K, type: ReferenceCommands[K]['type'], data: Record<string, unknown>, ctx: RequestContext, res: Response) {
    const command = { type, data, metadata: { now: this.clock.now(), actor: ctx.actor } } as unknown as ReferenceCommands[K];
    const result = await this.refs.execute(kind, command, ctx.options);
    return this.respond(res, result);
  }

  async one(kind: ReferenceKind, id: string, res: Response) {
    checkId(kind, id);
    const record = await this.index.get(kind, id, { fresh: true });
    if (!record) throw new ReferenceNotFoundError(kind, id);
    const revision = this.index.revisionOf(kind, id) ?? -1n;
    res.setHeader('ETag', `"${revision}"`);
    return { ...record, revision: Number(revision) };
  }

  async events(kind: ReferenceKind, id: string) {
    checkId(kind, id);
    const events = await this.refs.history(kind, id);
    if (events.length === 0) throw new ReferenceNotFoundError(kind, id);
    return events.map(unwrap).map((e) => ({
      id: e.id,
      type: e.type,
      revision: Number(e.revision),
      position: e.position.toString(),
      recordedAt: e.recordedAt.toISOString(),
      data: e.data,
      envelope: e.envelope,
    }));
  }

  private respond(res: Response, result: CommandResult<unknown, DomainEvent>) {
    res.setHeader('ETag', `"${result.revision}"`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return {
      ...(result.state as object),
      revision: Number(result.revision),
      replayed: result.replayed,
      events: result.events.map((e) => ({ id: e.id, type: e.type, revision: Number(e.revision) })),
    };
  }
}

/** A path id no record can have is a 400, before it reaches a stream name. */
function checkId(kind: ReferenceKind, id: string): void {
  const problem = idProblem(kind, id);
  if (problem) throw new ReferenceInputInvalidError([{ path: '$.id', message: problem }]);
}
