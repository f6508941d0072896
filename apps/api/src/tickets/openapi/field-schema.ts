import type { FieldDefinition, FieldType } from '@itil/tickets';

export type Schema = Record<string, unknown>;

/** The JSON Schema (OpenAPI 3.0) of a dictionary field type. */
export function schemaOfType(type: FieldType): Schema {
  switch (type.kind) {
    case 'text':
      return { type: 'string', maxLength: type.maxLength, description: 'Text without control characters (newline and tab allowed)' };
    case 'enum':
      return { type: 'string', enum: type.values };
    case 'number':
      return { type: type.integer ? 'integer' : 'number', ...(type.min === undefined ? {} : { minimum: type.min }), ...(type.max === undefined ? {} : { maximum: type.max }) };
    case 'boolean':
      return { type: 'boolean' };
    case 'instant':
      return { type: 'string', format: 'date-time' };
    case 'duration':
      return { type: 'integer', minimum: 0, maximum: type.maxMinutes ?? 527040, description: 'Minutes' };
    case 'user':
      return { type: 'string', pattern: '^[\\w.:@/-]{1,200}$', description: type.memberOf ? `A user id, a member of the group in ${type.memberOf}` : 'A user id', 'x-reference': 'user' };
    case 'group':
      return { type: 'string', pattern: '^[\\w.:@/-]{1,200}$', description: 'An assignment group id (must exist)', 'x-reference': 'group' };
    case 'ref':
      return { type: 'string', pattern: '^[\\w.:@/-]{1,200}$', description: `The id of an existing ${type.process ?? type.to}`, 'x-reference': type.to };
    case 'list':
      return { type: 'array', items: schemaOfType(type.of), ...(type.maxItems === undefined ? {} : { maxItems: type.maxItems }) };
    case 'object':
      return { type: 'object', additionalProperties: true, maxProperties: type.maxProperties ?? 100, description: 'An object whose shape is data (e.g. the form a catalog item defines)' };
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}

export function schemaOfField(field: FieldDefinition, required: boolean, when?: string): Schema {
  const schema: Schema = { ...schemaOfType(field.type) };
  const notes = [field.description, when].filter(Boolean).join('. ');
  if (notes) schema.description = notes;
  if (field.example !== undefined) schema.example = field.example;
  if (!required) schema.nullable = true;
  return schema;
}

/** An example body: each property's example, or a plausible value of its type. */
export function exampleOf(properties: Record<string, Schema>, required: string[]): Record<string, unknown> {
  const keys = required.length > 0 ? required : Object.keys(properties).slice(0, 2);
  return Object.fromEntries(keys.filter((k) => properties[k]).map((k) => [k, properties[k].example ?? sample(properties[k])]));
}

function sample(schema: Schema): unknown {
  if (schema.enum) return (schema.enum as unknown[])[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return (schema.minimum as number | undefined) ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default:
      return schema.format === 'date-time' ? '2026-03-02T10:00:00Z' : 'text';
  }
}
