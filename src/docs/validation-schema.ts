import { getMetadataStorage } from 'class-validator';

// @nestjs/swagger keeps each @ApiProperty's options here, on the class's prototype (see its createPropertyDecorator).
const PROPERTY_OPTIONS = 'swagger/apiModelProperties';

interface Rule {
  type: string;
  name?: string;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
}

type Schema = Record<string, unknown>;

/** What one class-validator rule says about the JSON value, as OpenAPI keywords. */
function keywords(rule: Rule): Schema {
  const [a, b] = rule.constraints ?? [];
  switch (rule.name) {
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isString':
      return { type: 'string' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isUuid':
      return { type: 'string', format: 'uuid' };
    case 'isIn':
      return Array.isArray(a) ? { enum: a } : {};
    case 'maxLength':
      return { maxLength: a };
    case 'minLength':
      return { minLength: a };
    case 'isLength':
      return { minLength: a, ...(b === undefined ? {} : { maxLength: b }) };
    case 'isNotEmpty':
      return { minLength: 1, minItems: 1 };
    case 'max':
      return { maximum: a };
    case 'min':
      return { minimum: a };
    case 'isPositive':
      return { exclusiveMinimum: true, minimum: 0 };
    case 'arrayMaxSize':
      return { maxItems: a };
    case 'arrayMinSize':
      return { minItems: a };
    case 'arrayUnique':
      return { uniqueItems: true };
    case 'matches':
      // Only a pattern without flags means the same in the schema.
      return {
        type: 'string',
        ...(a instanceof RegExp && !a.flags ? { pattern: a.source } : typeof a === 'string' && !b ? { pattern: a } : {}),
      };
    case 'isUrl':
      return { type: 'string', format: 'uri' };
    case 'isIso8601':
    case 'isDateString':
      return { type: 'string' };
    case 'calendarDate': // src/agreements/terms.ts: YYYY-MM-DD
      return { type: 'string', format: 'date' };
    case 'isObject':
      return { type: 'object' };
    case 'isArray':
      return { type: 'array' };
    default:
      return {};
  }
}

// Keywords that apply to one kind of value only: `isNotEmpty` gives both minLength and minItems, one of which is dropped.
const FOR_STRING = ['minLength', 'maxLength', 'pattern', 'format'];
const FOR_ARRAY = ['minItems', 'maxItems', 'uniqueItems'];

/**
 * Whether a property may be left out, and whether `null` skips its checks, from its conditional rules (`@IsOptional`,
 * `OptionalNotNull`, `OptionalOrNull`, any `@ValidateIf`): each condition is asked about a body with every other field present.
 */
function presence(rules: Rule[], property: string, others: string[]): { optional: boolean; nullable: boolean } {
  const conditions = rules
    .filter((r) => r.type === 'conditionalValidation')
    .flatMap((r) => (r.constraints ?? []) as ((object: object, value: unknown) => boolean)[]);
  if (conditions.length === 0) return { optional: false, nullable: false };
  const asks = (value: unknown): boolean => {
    const object: Record<string, unknown> = Object.fromEntries(others.map((name) => [name, 'x']));
    object[property] = value;
    try {
      return conditions.every((condition) => condition(object, value));
    } catch {
      return true;
    }
  };
  // A null that is checked still fails when a rule refuses null (OptionalNotNull's isNotNull, or any type rule).
  return { optional: !asks(undefined), nullable: !asks(null) };
}

/**
 * Writes what the validation pipe enforces (class-validator's rules on each DTO) into the @ApiProperty options Nest's
 * document is built from, so request schemas and query parameters say exactly what the server checks, for every DTO,
 * including rules added later. Returns the names of the validated classes: their schemas are closed (no unknown fields).
 * Idempotent: each app builds its document again.
 */
export function deriveSchemasFromValidation(): Set<string> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, Rule[]> };
  const validated = new Set<string>();
  for (const [target, rules] of storage.validationMetadatas) {
    if (typeof target !== 'function') continue;
    validated.add(target.name);
    const byProperty = new Map<string, Rule[]>();
    for (const rule of rules) byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
    for (const [property, own] of byProperty) {
      const options = Reflect.getMetadata(PROPERTY_OPTIONS, target.prototype, property) as Schema | undefined;
      if (!options) continue; // not in the document at all: see the test listing undocumented fields
      const derived: Schema = {};
      const items: Schema = {};
      for (const rule of own) Object.assign(rule.each ? items : derived, keywords(rule));
      const isArray = options.isArray === true || Array.isArray(options.type) || derived.type === 'array';
      const { optional, nullable } = presence(
        own,
        property,
        [...byProperty.keys()].filter((p) => p !== property),
      );
      const merged: Schema = { ...options };
      const scalar = isArray ? items : derived;
      for (const [key, value] of Object.entries(scalar)) {
        if (key === 'type') {
          // A class or an enum stays as declared; a type TypeScript could not give (`string | null` reflects as Object) or
          // `number` where the pipe wants an integer takes the rule's type.
          const loose = [undefined, Object, 'object', ...(value === 'integer' ? [Number, 'number'] : [])];
          if (value !== 'object' && value !== 'array' && loose.includes(merged.type as never)) merged.type = value;
          continue;
        }
        if (FOR_ARRAY.includes(key)) continue;
        if (key === 'enum' && merged.enum) continue;
        if (key === 'minLength' && typeof merged.minLength === 'number' && merged.minLength > (value as number)) continue;
        merged[key] = value;
      }
      if (isArray) {
        for (const key of FOR_ARRAY) if (derived[key] !== undefined) merged[key] = derived[key];
      } else {
        for (const key of FOR_ARRAY) if (key !== 'uniqueItems') delete merged[key];
      }
      if (merged.type !== 'string' && merged.type !== String && !isArray)
        for (const key of FOR_STRING) if (key !== 'format') delete merged[key];
      if (optional) merged.required = false;
      if (nullable) merged.nullable = true;
      else delete merged.nullable;
      Reflect.defineMetadata(PROPERTY_OPTIONS, merged, target.prototype, property);
    }
  }
  return validated;
}
