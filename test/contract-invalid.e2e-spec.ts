import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { registerUser } from './support/factories.js';
import { createCollaboration } from './support/lifecycle.js';

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  schema?: { type?: string; enum?: unknown[]; pattern?: string; format?: string; minimum?: number; maximum?: number };
}
interface Operation {
  parameters?: Parameter[];
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, unknown>;
}

// Operations no request can be invalid for: no parameters, no body, no authentication.
const ALWAYS_VALID = new Set(['get /health']);

// A value the parameter's schema refuses, when there is one.
function invalidValue(parameter: Parameter): string | undefined {
  const schema = parameter.schema ?? {};
  if (schema.enum) return 'not-one-of-them';
  if (schema.type === 'integer') return '1.5';
  if (schema.pattern) return 'not valid!';
  if (schema.format === 'uuid') return 'not-a-uuid';
  return undefined;
}

// Path parameters the document allows, of things that exist where they can (so the request reaches validation).
function validPathValue(
  template: string,
  name: string,
  parameter: Parameter | undefined,
  own: { organization: string; collaboration: string },
): string {
  if (name === 'id' && template.startsWith('/api/v1/organizations/')) return own.organization;
  if (name === 'id' && template.startsWith('/api/v1/collaborations/')) return own.collaboration;
  if (parameter?.schema?.enum) return String(parameter.schema.enum[0]);
  if (parameter?.schema?.pattern) return 'A'.repeat(43); // an invitation token's shape
  if (['version', 'revision', 'from', 'to'].includes(name)) return '1';
  return randomUUID();
}

describe('every operation refuses a request the document says is invalid', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let own: { organization: string; collaboration: string };
  beforeAll(async () => {
    t = await startTestApp();
    const user = await registerUser(t);
    auth = user.auth;
    own = { organization: user.organizationId, collaboration: await createCollaboration(t, user) };
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers each with a 4xx the operation documents', async () => {
    const paths = t.contract.document.paths as Record<string, Record<string, Operation>>;
    const tried: string[] = [];
    for (const [template, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const key = `${method} ${template}`;
        if (ALWAYS_VALID.has(key)) continue;
        const parameters = operation.parameters ?? [];
        const url = template.replace(/\{([^}]+)\}/g, (_, name: string) =>
          validPathValue(
            template,
            name,
            parameters.find((p) => p.in === 'path' && p.name === name),
            own,
          ),
        );
        const needsToken = (operation.security ?? []).every((requirement) => Object.keys(requirement).length > 0);
        const media = Object.keys(operation.requestBody?.content ?? {});
        const query = parameters.find((p) => p.in === 'query' && invalidValue(p) !== undefined);
        const header = parameters.find((p) => p.in === 'header' && invalidValue(p) !== undefined);

        let request = t.http()[method as 'get'](url);
        let what: string;
        if (media.includes('application/json')) {
          what = 'a JSON body with an unknown property';
          request = request.set(auth).send({ notInTheDocument: 1 });
        } else if (media.length > 0) {
          what = `a JSON body where ${media.join(', ')} is documented`;
          request = request.set(auth).send({});
        } else if (query) {
          what = `query ${query.name}=${invalidValue(query)}`;
          request = request.set(auth).query({ [query.name]: invalidValue(query) });
        } else if (header) {
          what = `header ${header.name}: ${invalidValue(header)}`;
          request = request.set(auth).set(header.name, invalidValue(header)!);
        } else if (needsToken && operation.security?.length) {
          what = 'no bearer token';
        } else {
          const path = parameters.find((p) => p.in === 'path' && p.schema?.pattern);
          if (!path) throw new Error(`${key}: found no request the document calls invalid; add a rule or list it in ALWAYS_VALID`);
          what = `path ${path.name} not matching ${path.schema!.pattern}`;
          request = t.http()[method as 'get'](template.replace(`{${path.name}}`, 'not-a-token').replace(/\{[^}]+\}/g, randomUUID()));
        }
        const res = await request;
        tried.push(`${key}: ${what} → ${res.status}`);
        expect({ key, what, status: res.status, client: res.status >= 400 && res.status < 500 }).toEqual({
          key,
          what,
          status: res.status,
          client: true,
        });
        expect(Object.keys(operation.responses)).toContain(String(res.status));

        // And each path parameter the document constrains, malformed (the others valid), with a token.
        for (const bad of parameters.filter((p) => p.in === 'path' && invalidValue(p) !== undefined)) {
          const malformed = template.replace(/\{([^}]+)\}/g, (_, name: string) =>
            name === bad.name
              ? encodeURIComponent(invalidValue(bad)!)
              : validPathValue(
                  template,
                  name,
                  parameters.find((p) => p.in === 'path' && p.name === name),
                  own,
                ),
          );
          const answer = await t.http()[method as 'get'](malformed).set(auth);
          expect({ key, path: bad.name, client: answer.status >= 400 && answer.status < 500 }).toEqual({
            key,
            path: bad.name,
            client: true,
          });
          expect(Object.keys(operation.responses)).toContain(String(answer.status));
        }
      }
    }
    expect(tried.length).toBe(Object.values(paths).reduce((n, item) => n + Object.keys(item).length, 0) - ALWAYS_VALID.size);
  });
});
