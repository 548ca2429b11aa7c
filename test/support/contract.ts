import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';

// ajv-formats is CommonJS: under ESM its plugin may arrive as the module object's `default`.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;

/**
 * Paths served outside the API document, so no operation describes them; every other response must match an operation.
 * - /docs, /docs/{asset}, /docs-json: the document itself and Swagger UI's files.
 * - /invitations/{token}: the HTML page behind an invitation link (the API's view of it is /api/v1/invitations/{token}).
 */
export const OUTSIDE_DOCUMENT: RegExp[] = [/^\/docs$/, /^\/docs\/[^/]+$/, /^\/docs-json$/, /^\/invitations\/[^/]+$/];

export interface ContractResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  text?: string;
}

interface Operation {
  key: string; // "get /api/v1/things/{id}"
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface Template {
  path: string;
  segments: (string | RegExp)[];
  methods: Record<string, Operation>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// A path segment of a template: a literal, or a pattern where `{name}` stands for any non-empty run without a slash.
function segmentOf(segment: string): string | RegExp {
  if (!segment.includes('{')) return segment;
  const parts = segment.split(/(\{[^}]+\})/).filter(Boolean);
  return new RegExp(`^${parts.map((p) => (p.startsWith('{') ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
}

/** OpenAPI 3.0's `nullable` as JSON Schema: `{type: [t, 'null']}`, or `anyOf` with null where there is no type. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = toJsonSchema(value);
  // Exact responses: an object that lists its properties has no others unless it says so (`additionalProperties`).
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (out.nullable !== true) return out;
  delete out.nullable;
  // With allOf/oneOf/$ref beside it, a type array would not let null through those: anyOf with null instead.
  if (typeof out.type === 'string' && !out.allOf && !out.oneOf && !out.anyOf && !out.$ref) {
    const withNull: Record<string, unknown> = { ...out, type: [out.type, 'null'] };
    if (Array.isArray(out.enum)) withNull.enum = [...(out.enum as unknown[]), null];
    return withNull;
  }
  return { anyOf: [out, { type: 'null' }] };
}

const mediaType = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.split(';')[0].trim().toLowerCase();
const isJson = (type: string): boolean => type === 'application/json' || type.endsWith('+json');

/**
 * Checks a response against the OpenAPI document: the operation (method + path template) exists, the status is
 * documented for it (or `default`), the content type is a documented one, and a JSON body validates against its schema.
 */
export class Contract {
  private readonly templates: Template[];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenAPIObject) {
    this.templates = Object.entries(document.paths).map(([path, item]) => ({
      path,
      segments: path.split('/').map(segmentOf),
      methods: Object.fromEntries(
        Object.entries(item)
          .filter(([method]) => METHODS.includes(method))
          .map(([method, op]) => [method, { key: `${method} ${path}`, responses: (op as Operation).responses }]),
      ),
    }));
    this.ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
    addFormats(this.ajv);
    // The whole document is one schema: `$ref: '#/components/schemas/X'` resolves inside it.
    this.ajv.addSchema({ $id: 'openapi', ...(toJsonSchema({ paths: document.paths, components: document.components }) as object) });
  }

  /** The template a path matches, the way Fastify routes: at each segment a literal beats a parameter. */
  template(pathname: string): Template | undefined {
    const segments = pathname.split('/');
    const matching = this.templates.filter(
      (t) =>
        t.segments.length === segments.length &&
        t.segments.every((s, i) => (typeof s === 'string' ? s === segments[i] : s.test(segments[i]))),
    );
    const rank = (t: Template): string => t.segments.map((s) => (typeof s === 'string' ? '0' : '1')).join('');
    return matching.sort((a, b) => rank(a).localeCompare(rank(b)))[0];
  }

  /** Undefined when the response is what the document says; otherwise what is wrong, naming the operation. */
  check(method: string, url: string, response: ContractResponse): string | undefined {
    const pathname = new URL(url, 'http://localhost').pathname;
    if (OUTSIDE_DOCUMENT.some((pattern) => pattern.test(pathname))) return undefined;
    const verb = method.toLowerCase();
    const template = this.template(pathname);
    const operation = template?.methods[verb] ?? (verb === 'head' ? template?.methods.get : undefined);
    if (!operation) return this.checkUndocumented(`${verb} ${pathname}`, template, response);

    const status = String(response.status);
    const responseKey = [status, `${status[0]}XX`, 'default'].find((key) => operation.responses[key]);
    if (!responseKey) {
      return `${operation.key}: status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})${describeBody(response)}`;
    }
    const documented = operation.responses[responseKey];
    const type = mediaType(response.headers['content-type']);
    const content = documented.content ?? {};
    if (Object.keys(content).length === 0) {
      if (type && bodyLength(response) > 0) return `${operation.key} ${status}: documents no body, got ${type}`;
      return undefined;
    }
    if (verb === 'head' || status === '304') return undefined;
    const documentedType = Object.keys(content).find((t) => matchesType(t, type));
    if (!type || !documentedType) {
      return `${operation.key} ${status}: content type ${type ?? '(none)'} is not documented (documented: ${Object.keys(content).join(', ')})`;
    }
    if (!isJson(type) || !content[documentedType].schema) return undefined;
    const pointer = ['paths', template!.path, verb, 'responses', responseKey, 'content', documentedType, 'schema'];
    return this.validate(pointer, jsonBody(response), `${operation.key} ${status}`);
  }

  // A request no operation documents (an unknown path, or a method the path does not have) still gets the uniform error.
  private checkUndocumented(request: string, template: Template | undefined, response: ContractResponse): string | undefined {
    if (response.status < 400) return `${request}: no operation documents this request, yet it answered ${response.status}`;
    if (template && response.status !== 405)
      return `${request}: the path has no such method, so the answer must be 405, not ${response.status}`;
    const type = mediaType(response.headers['content-type']);
    if (type !== 'application/json') return `${request} ${response.status}: an error must be JSON, got ${type ?? '(none)'}`;
    return this.validate(['components', 'schemas', 'ErrorResponseDto'], jsonBody(response), `${request} ${response.status}`);
  }

  private validate(pointer: string[], body: unknown, what: string): string | undefined {
    const ref = `openapi#/${pointer.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
    let validator = this.validators.get(ref);
    if (!validator) {
      validator = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validator);
    }
    if (validator(body)) return undefined;
    return `${what}: the body does not match the documented schema:\n${formatErrors(validator.errors ?? [])}\nbody: ${JSON.stringify(body).slice(0, 2000)}`;
  }
}

function matchesType(documented: string, actual: string | undefined): boolean {
  if (!actual) return false;
  if (documented === '*/*' || documented === actual) return true;
  return documented.endsWith('/*') && actual.startsWith(documented.slice(0, -1));
}

function bodyLength(response: ContractResponse): number {
  if (Buffer.isBuffer(response.body)) return response.body.length;
  return response.text?.length ?? 0;
}

// A test's own parser (for PDFs) leaves a JSON error as a Buffer: read it here.
function jsonBody(response: ContractResponse): unknown {
  if (Buffer.isBuffer(response.body)) return JSON.parse(response.body.toString('utf8'));
  if (response.text !== undefined && response.text !== '') return JSON.parse(response.text);
  return response.body;
}

function describeBody(response: ContractResponse): string {
  const type = mediaType(response.headers['content-type']);
  if (!type || !isJson(type)) return '';
  try {
    return `\nbody: ${JSON.stringify(jsonBody(response)).slice(0, 500)}`;
  } catch {
    return '';
  }
}

function formatErrors(errors: ErrorObject[]): string {
  return errors
    .slice(0, 10)
    .map(
      (e) =>
        `  ${e.instancePath || '(root)'} ${e.message ?? ''}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`,
    )
    .join('\n');
}
