import { Controller, Get, Post } from '@nestjs/common';
import { authHeader } from '../test-support/auth-header';
import { createTestApp, type TestApp } from '../test-support/test-app';
import request from 'supertest';
import { Roles } from './roles';

/** An endpoint someone forgot to declare, next to one declared on its class. */
@Controller('forgotten')
class ForgottenController {
  @Get()
  read() {
    return { leaked: true };
  }
}

@Controller('declared-on-class')
@Roles('auditor')
class ClassLevelController {
  @Post()
  act() {
    return { acted: true };
  }
}

describe('Deny by default: an endpoint without @Roles or @Public', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ extraControllers: [ForgottenController, ClassLevelController] })));
  afterAll(() => t.close());

  it('is refused to everyone, admin included, with 403 AUTH.ROLES_NOT_DECLARED', async () => {
    for (const headers of [{}, authHeader('root', ['admin']), authHeader('audrey', ['auditor'])]) {
      const res = await request(t.app.getHttpServer()).get('/forgotten').set(headers).expect(403);
      expect(res.body).toMatchObject({ code: 'AUTH.ROLES_NOT_DECLARED' });
      expect(res.body.leaked).toBeUndefined();
    }
  });

  it('takes roles declared on the controller class', async () => {
    await request(t.app.getHttpServer()).post('/declared-on-class').set(authHeader('audrey', ['auditor'])).expect(201);
    await request(t.app.getHttpServer()).post('/declared-on-class').set(authHeader('ana', ['agent'])).expect(403);
    // The OpenAPI document (which the role-matrix test reads) shows class-level roles per operation too.
    expect((t.document.paths['/declared-on-class'].post as unknown as Record<string, unknown>)['x-roles']).toEqual(['auditor']);
  });
});
