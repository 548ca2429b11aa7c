// The terms form of each partnership form, read from the service's own OpenAPI document (components.schemas.<Form>Terms),
// so a field added to src/agreements/terms.ts shows up here without a console change.

type JsonSchema = {
  type?: string;
  format?: string;
  enum?: string[];
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  $ref?: string;
};
export type OpenApiDocument = { components: { schemas: Record<string, JsonSchema> } };

export type TermField =
  | { kind: 'date' | 'rupiah' | 'bool' | 'numbers' | 'strings'; name: string; required: boolean }
  | { kind: 'int'; name: string; required: boolean; min?: number; max?: number }
  | { kind: 'text'; name: string; required: boolean; long: boolean }
  | { kind: 'enum' | 'multi'; name: string; required: boolean; values: string[] }
  | { kind: 'split'; name: string; required: boolean; sides: string[] }
  | { kind: 'object'; name: string; required: boolean; fields: TermField[] }
  | { kind: 'list'; name: string; required: boolean; fields: TermField[] };

/** co_branding → CoBrandingTerms: the schema name the terms of a form are documented under. */
export const termsSchemaName = (form: string): string =>
  form
    .split('_')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('') + 'Terms';

const LONG_TEXT = 500; // longer than one line of a name: a paragraph, in a textarea

function fieldOf(doc: OpenApiDocument, name: string, schema: JsonSchema, required: boolean): TermField {
  const resolve = (s: JsonSchema): JsonSchema => {
    const ref = s.$ref ?? s.allOf?.[0]?.$ref;
    return ref ? doc.components.schemas[ref.split('/').pop()!] : s;
  };
  const fieldsOf = (s: JsonSchema): TermField[] =>
    Object.entries(s.properties ?? {}).map(([n, p]) => fieldOf(doc, n, p, (s.required ?? []).includes(n)));
  if (schema.type === 'array' && schema.items) {
    const items = resolve(schema.items);
    if (items.properties) return { kind: 'list', name, required, fields: fieldsOf(items) };
    if (items.enum) return { kind: 'multi', name, required, values: items.enum };
    return { kind: items.type === 'integer' ? 'numbers' : 'strings', name, required };
  }
  const resolved = resolve(schema);
  if (resolved.properties && resolved !== schema) return { kind: 'object', name, required, fields: fieldsOf(resolved) };
  if (schema.properties) return { kind: 'split', name, required, sides: Object.keys(schema.properties) };
  if (schema.enum) return { kind: 'enum', name, required, values: schema.enum };
  if (schema.type === 'boolean') return { kind: 'bool', name, required };
  if (schema.format === 'date') return { kind: 'date', name, required };
  if (schema.type === 'integer' && /rupiah/i.test(schema.description ?? '')) return { kind: 'rupiah', name, required };
  if (schema.type === 'integer' || schema.type === 'number')
    return { kind: 'int', name, required, min: schema.minimum, max: schema.maximum };
  return { kind: 'text', name, required, long: (schema.maxLength ?? 0) > LONG_TEXT };
}

/** The fields of a form's terms, in the order the schema lists them; the end date that does not apply to the form left out. */
export function termFields(doc: OpenApiDocument, form: string): TermField[] {
  const schema = doc.components.schemas[termsSchemaName(form)];
  if (!schema?.properties) return [];
  // An NDA or MoU runs until validUntil, the others end on endDate (the service refuses the other one).
  const skip = form === 'nda' || form === 'mou' ? 'endDate' : 'validUntil';
  return Object.entries(schema.properties)
    .filter(([name]) => name !== skip)
    .map(([name, property]) => fieldOf(doc, name, property, false));
}

/** What the form holds: text as typed, per field (lists and objects nest). */
export type Draft = Record<string, unknown>;

const digits = (text: string): string => text.replace(/\D/g, '');
/** "50000000" → "50.000.000": rupiah as people write it. */
export const groupRupiah = (text: string): string => {
  const d = digits(text).replace(/^0+(?=\d)/, '');
  return d ? Number(d).toLocaleString('id-ID') : '';
};
const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Terms as the API takes them, from the form; blank fields are left out, a number typed wrong goes as typed (the service names it). */
export function toTerms(fields: TermField[], draft: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = draft[field.name];
    const text = typeof value === 'string' ? value.trim() : '';
    switch (field.kind) {
      case 'list': {
        const rows = ((value as Draft[] | undefined) ?? []).map((row) => toTerms(field.fields, row)).filter((r) => Object.keys(r).length);
        if (rows.length) out[field.name] = rows;
        break;
      }
      case 'object': {
        const inner = toTerms(field.fields, (value as Draft | undefined) ?? {});
        if (Object.keys(inner).length) out[field.name] = inner;
        break;
      }
      case 'split': {
        const shares = (value as Record<string, string> | undefined) ?? {};
        if (field.sides.some((side) => shares[side]?.trim()))
          out[field.name] = Object.fromEntries(field.sides.map((side) => [side, asNumber(shares[side] ?? '')]));
        break;
      }
      case 'multi':
        if (((value as string[] | undefined) ?? []).length) out[field.name] = value;
        break;
      case 'numbers':
        if (text) out[field.name] = list(text).map(asNumber);
        break;
      case 'strings':
        if (text) out[field.name] = list(text);
        break;
      case 'bool':
        if (text) out[field.name] = text === 'true';
        break;
      case 'rupiah':
        if (text) out[field.name] = digits(text) ? Number(digits(text)) : text;
        break;
      case 'int':
        if (text) out[field.name] = asNumber(text);
        break;
      default:
        if (text) out[field.name] = text;
    }
  }
  return out;
}
const asNumber = (text: string): number | string => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text.trim());

/** The form's contents for terms already proposed (to revise them). */
export function fromTerms(fields: TermField[], terms: Record<string, unknown>): Draft {
  const out: Draft = {};
  for (const field of fields) {
    const value = terms[field.name];
    if (value === undefined || value === null) continue;
    switch (field.kind) {
      case 'list':
        out[field.name] = (value as Record<string, unknown>[]).map((row) => fromTerms(field.fields, row));
        break;
      case 'object':
        out[field.name] = fromTerms(field.fields, value as Record<string, unknown>);
        break;
      case 'split':
        out[field.name] = Object.fromEntries(Object.entries(value as Record<string, number>).map(([k, v]) => [k, String(v)]));
        break;
      case 'multi':
        out[field.name] = value;
        break;
      case 'numbers':
      case 'strings':
        out[field.name] = (value as unknown[]).join(', ');
        break;
      case 'rupiah':
        out[field.name] = groupRupiah(String(value));
        break;
      default:
        out[field.name] = String(value);
    }
  }
  return out;
}

/** The sum of a split's shares, or null while one is blank. */
export function splitSum(shares: Record<string, string> | undefined, sides: string[]): number | null {
  const values = sides.map((side) => shares?.[side]?.trim() ?? '');
  if (values.every((v) => !v)) return null;
  return values.reduce((sum, v) => sum + (Number(v) || 0), 0);
}

/** The id of the input of a terms path (`marks.0.name`), for error links and the to-do list. */
export const inputId = (path: string): string => `terms-${path.replace(/\./g, '-')}`;

/** A terms value as a line of text, for the side-by-side comparison of revisions. */
export function showValue(value: unknown, yesNo: (v: boolean) => string): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'number') return value.toLocaleString('id-ID');
  if (Array.isArray(value)) return value.map((v) => showValue(v, yesNo)).join('; ');
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${showValue(v, yesNo)}`)
      .join(', ');
  return String(value);
}
