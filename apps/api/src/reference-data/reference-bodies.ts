import { ApiBody } from '@nestjs/swagger';

/**
 * Reference-data bodies are checked by the records' deciders (one place for the API and the
 * CLI seed: JSON paths, unknown fields refused). These schemas document them in OpenAPI.
 */
// OpenAPI 3 forbids an empty `required` list: leave it out when nothing is required.
const obj = (required: string[], properties: Record<string, object>) =>
  ApiBody({ schema: { type: 'object', ...(required.length > 0 ? { required } : {}), additionalProperties: false, properties } });
const id = { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9._:-]{0,99}$' };
const text = (maxLength: number) => ({ type: 'string', maxLength });
const reason = { reason: text(1000) };

export const Bodies = {
  registerUser: obj(['id', 'displayName'], { id, displayName: text(200), email: text(320) }),
  reason: obj([], reason),
  createGroup: obj(['id', 'name'], { id, name: text(200), description: text(2000) }),
  addMember: obj(['userId'], { userId: id }),
  registerCi: obj(['id', 'name', 'type'], { id, name: text(200), type: text(100), owningService: { ...id, nullable: true }, status: { enum: ['planned', 'operational', 'maintenance', 'retired'] } }),
  updateCi: obj([], { name: text(200), type: text(100), owningService: { ...id, nullable: true } }),
  ciStatus: obj(['status'], { status: { enum: ['planned', 'operational', 'maintenance', 'retired'] }, ...reason }),
  registerService: obj(['id', 'name', 'owner', 'supportGroup', 'slaPolicy'], { id, name: text(200), description: text(2000), owner: id, supportGroup: id, slaPolicy: id, stage: { enum: ['pipeline', 'live'] } }),
  updateService: obj([], { name: text(200), description: text(2000), owner: id, supportGroup: id, slaPolicy: id }),
  serviceStage: obj(['stage'], { stage: { enum: ['pipeline', 'live', 'retired'] }, ...reason }),
  addOffering: obj(['offeringId', 'name'], { offeringId: id, name: text(200), description: text(2000) }),
  catalogItem: (required: string[]) =>
    obj(required, {
      id,
      name: text(200),
      description: text(2000),
      service: id,
      offering: { ...id, nullable: true },
      fulfilmentGroup: { ...id, nullable: true },
      tasks: { type: 'array', items: text(200), maxItems: 50 },
      approval: { type: 'object', description: '{"kind":"none"} | {"kind":"user","user":id} | {"kind":"group","group":id} | {"kind":"service-owner"}' },
      form: {
        type: 'array',
        maxItems: 100,
        items: { type: 'object', required: ['name', 'label', 'type'], properties: { name: { type: 'string' }, label: text(200), required: { type: 'boolean' }, help: text(1000), type: { type: 'object', description: 'A field dictionary type: {"kind":"text","maxLength":200}, {"kind":"enum","values":[...]}, number, boolean, instant, duration, user, group, ref, list' } } },
      },
    }),
};
