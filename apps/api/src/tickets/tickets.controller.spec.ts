import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { incidentProcess } from '@itil/incident';
import { READ_TICKETS, ROLES_KEY, WORK_TICKETS } from '../auth/roles';
import { ticketsControllerFor } from './tickets.controller';

describe('The generated controller of a process', () => {
  const controller = ticketsControllerFor(incidentProcess);
  const routes = Object.getOwnPropertyNames(controller.prototype)
    .filter((name) => name !== 'constructor')
    .map((name) => controller.prototype[name] as object)
    .filter((handler) => typeof handler === 'function' && Reflect.getMetadata(PATH_METADATA, handler) !== undefined)
    .map((handler) => ({ path: Reflect.getMetadata(PATH_METADATA, handler) as string, method: Reflect.getMetadata(METHOD_METADATA, handler) as number, roles: Reflect.getMetadata(ROLES_KEY, handler) as string[] }));

  it('serves the process resource', () => expect(Reflect.getMetadata(PATH_METADATA, controller)).toBe('incidents'));

  it('declares roles on every endpoint: reads for GET, work for the rest', () => {
    expect(routes).toHaveLength(9);
    for (const route of routes) expect(route.roles).toEqual(route.method === 0 ? READ_TICKETS : WORK_TICKETS);
  });

  it('declares the fixed sub-resources before the per-event route, so that comments is never read as an event', () => {
    const order = routes.map((r) => r.path);
    expect(order.indexOf(':id/:event')).toBe(order.length - 1);
  });
});
