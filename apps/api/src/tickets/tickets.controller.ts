import { Body, Controller, Delete, Get, HttpCode, HttpException, HttpStatus, Inject, Param, ParseUUIDPipe, Patch, Post, Query, Res, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CLOCK, ID_GENERATOR, creationId, type Clock, type CommandOptions, type IdGenerator } from '@itil/engine';
import { UnknownTicketEventError, pascal, type ProcessDefinition, type TicketCommand } from '@itil/tickets';
import { READ_TICKETS, Roles, WORK_TICKETS } from '../auth/roles';
import { Ctx, type RequestContext } from '../http/request-context';
import { TicketEngine, type TicketResult } from './ticket-engine.service';
import { ExecuteTicketCommand } from './ticket.messages';
import { presentCommandResult, presentEvent, presentTicket } from './ticket.presenter';
import { liveEvents } from './live-events';

const Id = () => Param('id', new ParseUUIDPipe({ version: undefined }));
type Input = Record<string, unknown>;
type CommandWithoutMeta = Omit<TicketCommand, 'metadata'>;

/**
 * The HTTP of one process, generated from its definition: open, read, update, comment, log work,
 * link, and one POST per lifecycle event, looked up in the live lifecycle versions on each request,
 * so a newly published transition works without a restart. (The OpenAPI operations are built
 * from the same lifecycles: ./openapi.)
 */
export function ticketsControllerFor(def: ProcessDefinition): Type<unknown> {
  @ApiExcludeController()
  @Controller(def.resource)
  class TicketsController {
    constructor(
      // Explicit tokens: the bench and the CLI run through tsx, which emits no decorator metadata.
      @Inject(CommandBus) readonly commands: CommandBus,
      @Inject(TicketEngine) readonly engine: TicketEngine,
      @Inject(CLOCK) readonly clock: Clock,
      @Inject(ID_GENERATOR) readonly ids: IdGenerator,
    ) {}

    @Post()
    @Roles(...WORK_TICKETS)
    async open(@Body() body: Input, @Query('lifecycle') lifecycle: string | undefined, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
      // With an Idempotency-Key the id derives from the caller's key, so the caller's retry finds the same ticket.
      const key = ctx.options.idempotencyKey;
      const ticketId = key ? creationId(def.process, key, { actor: ctx.actor }) : this.ids.next();
      // A fresh id names no stream yet: the store need not be read before deciding.
      const result = await this.run(ctx, { type: 'OpenTicket', data: { ticketId, input: body, ...(lifecycle === undefined ? {} : { lifecycle }) } }, key ? {} : { newStream: true });
      res.location(`/${def.resource}/${ticketId}`);
      return this.respond(res, result);
    }

    @Get(':id')
    @Roles(...READ_TICKETS)
    async get(@Id() id: string, @Res({ passthrough: true }) res: Response) {
      const view = await this.engine.view(def.process, id);
      res.setHeader('ETag', `"${view.revision}"`);
      return presentTicket(this.engine.decider(def.process), view);
    }

    @Get(':id/events')
    @Roles(...READ_TICKETS)
    async events(@Id() id: string) {
      return (await this.engine.events(def.process, id)).map(presentEvent);
    }

    @Patch(':id')
    @Roles(...WORK_TICKETS)
    async update(@Id() id: string, @Body() body: Input, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
      // A field update overwrites what the client saw: it must say which revision that was.
      if (ctx.options.expectedRevision === undefined) throw new HttpException('PATCH needs If-Match: "<revision>" (the revision the update is based on)', HttpStatus.PRECONDITION_REQUIRED);
      return this.respond(res, await this.run(ctx, { type: 'UpdateTicketFields', data: { ticketId: id, input: body } }));
    }

    @Post(':id/comments')
    @HttpCode(200)
    @Roles(...WORK_TICKETS)
    async comment(@Id() id: string, @Body() body: Input, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
      return this.respond(res, await this.run(ctx, { type: 'CommentOnTicket', data: { ticketId: id, input: body } }));
    }

    @Post(':id/work-log')
    @HttpCode(200)
    @Roles(...WORK_TICKETS)
    async logWork(@Id() id: string, @Body() body: Input, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
      return this.respond(res, await this.run(ctx, { type: 'LogWorkOnTicket', data: { ticketId: id, input: body } }));
    }

    @Post(':id/links')
    @HttpCode(200)
    @Roles(...WORK_TICKETS)
    async link(@Id() id: string, @Body() body: Input, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
      return this.respond(res, await this.run(ctx, { type: 'LinkTicket', data: { ticketId: id, input: body } }));
    }

    @Delete(':id/links/:linkId')
    @HttpCode(200)
    @Roles(...WORK_TICKETS)
    async unlink(@Id() id: string, @Param('linkId') linkId: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
      return this.respond(res, await this.run(ctx, { type: 'UnlinkTicket', data: { ticketId: id, linkId } }));
    }

    /** `POST /<resource>/:id/start-work` is the lifecycle event START_WORK of the ticket's pinned version. */
    @Post(':id/:event')
    @HttpCode(200)
    @Roles(...WORK_TICKETS)
    async move(@Id() id: string, @Param('event') segment: string, @Body() body: Input, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
      const event = segment.toUpperCase().replace(/-/g, '_');
      if (!/^[a-z][a-z0-9-]{0,80}$/.test(segment) || !liveEvents(this.engine.catalog, def).has(event)) throw new UnknownTicketEventError(def.process, segment);
      return this.respond(res, await this.run(ctx, { type: 'MoveTicket', data: { ticketId: id, event, input: body } }));
    }

    run(ctx: RequestContext, command: CommandWithoutMeta, options: Partial<CommandOptions> = {}): Promise<TicketResult> {
      const full = { ...command, metadata: { now: this.clock.now(), actor: ctx.actor } } as TicketCommand;
      return this.commands.execute<ExecuteTicketCommand, TicketResult>(new ExecuteTicketCommand(def.process, full, { ...ctx.options, ...options }));
    }

    respond(res: Response, result: TicketResult) {
      res.setHeader('ETag', `"${result.revision}"`);
      if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
      return presentCommandResult(result);
    }
  }
  Object.defineProperty(TicketsController, 'name', { value: `${pascal(def.resource)}Controller` });
  return TicketsController;
}
