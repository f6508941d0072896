import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { identityOf } from './identity';
import { ROLES, Roles } from './roles';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class WhoAmIController {
  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The verified identity: the actor your commands are recorded under, and your roles' })
  me(@Req() req: Request) {
    const { actor, kind, roles, development } = identityOf(req)!;
    return { actor, kind, roles, development: development ?? false };
  }
}
