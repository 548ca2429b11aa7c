import type { ApiResponseSchemaHost } from '@nestjs/swagger';

type SchemaObject = ApiResponseSchemaHost['schema'];

// Small builders for response schemas of views that are interfaces, not DTO classes (no CLI plugin reads those).
export type Schema = SchemaObject;
export const string = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
export const nullableString = (extra: Schema = {}): Schema => ({ type: 'string', nullable: true, ...extra });
export const integer = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
export const number = (extra: Schema = {}): Schema => ({ type: 'number', ...extra });
export const boolean: Schema = { type: 'boolean' };
export const uuid: Schema = { type: 'string', format: 'uuid' };
export const dateTime: Schema = { type: 'string', format: 'date-time' };
export const date: Schema = { type: 'string', format: 'date' };
export const arrayOf = (items: Schema, extra: Schema = {}): Schema => ({ type: 'array', items, ...extra });
export const bilingual: Schema = object({ id: string(), en: string() });
/** An object with these properties, all required but the `optional` ones. */
export function object(properties: Record<string, Schema>, optional: string[] = [], extra: Schema = {}): Schema {
  const required = Object.keys(properties).filter((key) => !optional.includes(key));
  return { type: 'object', properties, ...(required.length ? { required } : {}), ...extra };
}
