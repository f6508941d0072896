import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { READ_TICKETS, Roles } from '../auth/roles';
import { Ctx, type RequestContext } from '../http/request-context';
import { Bodies } from './reference-bodies';
import { ReferenceHttp } from './reference-http';

type Json = Record<string, unknown>;
const WRITE = ['admin', 'process-owner'] as const;

/** Request items of the service catalog, with forms defined as data and an approver rule. */
@ApiTags('reference data')
@ApiHeader({ name: 'X-Actor', required: false, description: 'Who acts (recorded in every event envelope)' })
@ApiResponse({ status: 400, description: 'Wrong types, unknown fields, bad ids, an ill-typed form (problem+json with JSON paths)' })
@Controller('catalog-items')
export class CatalogItemsController {
  constructor(private readonly http: ReferenceHttp) {}

  @Post()
  @Roles(...WRITE)
  @Bodies.catalogItem(['id', 'name', 'service'])
  @ApiOperation({ summary: 'Define a request item of a service that is not retired' })
  @ApiResponse({ status: 422, description: 'Retired or unknown service, unknown offering, group or approver' })
  @ApiResponse({ status: 201, description: 'Created: the record, its revision (also the ETag) and the events written' })
  async define(@Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    res.location(`/catalog-items/${String(body.id)}`);
    return this.http.run('catalog-item', 'DefineCatalogItem', body, ctx, res);
  }

  @Patch(':id')
  @Roles(...WRITE)
  @Bodies.catalogItem([])
  @ApiOperation({ summary: 'Revise the item (a new form counts as a new form version)' })
  update(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.http.run('catalog-item', 'UpdateCatalogItem', { ...body, id }, ctx, res);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles(...WRITE)
  @Bodies.reason
  @ApiOperation({ summary: 'Retire the item: no new requests can be raised from it' })
  retire(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.http.run('catalog-item', 'RetireCatalogItem', { ...body, id }, ctx, res);
  }

  @Get()
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Catalog items, optionally of one service' })
  list(@Query('service') service?: string) {
    return this.http.index
      .list('catalog-item')
      .filter((i) => service === undefined || i.service === service)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  @Get(':id')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'One catalog item, with its revision (also the ETag)' })
  one(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return this.http.one('catalog-item', id, res);
  }

  @Get(':id/events')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'The catalog item\'s history: every event with its actor and time' })
  events(@Param('id') id: string) {
    return this.http.events('catalog-item', id);
  }
}
