import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { identityOf } from '../identity';
import { Roles } from '../roles';
import { IssueApiKeyDto, RevokeApiKeyDto } from './api-key.dto';
import { ApiKeyService } from './api-key.service';

/** API keys for reporting jobs and integrations: issued and revoked by an admin, as events. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api-keys')
export class ApiKeysController {
  constructor(@Inject(ApiKeyService) private readonly keys: ApiKeyService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Issue an API key; the secret is in this answer only (the store keeps its hash)' })
  @ApiResponse({ status: 201, description: 'Issued: { keyId, apiKey, actor }' })
  issue(@Body() body: IssueApiKeyDto, @Req() req: Request) {
    return this.keys.issue({ ...body, expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined }, identityOf(req)!.actor);
  }

  @Get()
  @Roles('auditor')
  @ApiOperation({ summary: 'Every key ever issued, with who issued and who revoked it' })
  list() {
    return this.keys.list();
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Revoke a key: refused from the next request on, on every instance' })
  async revoke(@Param('id', new ParseUUIDPipe({ version: undefined })) id: string, @Body() body: RevokeApiKeyDto, @Req() req: Request) {
    await this.keys.revoke(id, body.reason, identityOf(req)!.actor);
    return { keyId: id, status: 'revoked' };
  }
}
