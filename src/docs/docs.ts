import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { deriveSchemasFromValidation } from './validation-schema.js';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Kolabora API</title><link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/docs-json', dom_id: '#swagger-ui', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout', persistAuthorization: true });`;

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Kolabora API')
    .setDescription(
      'Collaboration contracts and IP workflow for Indonesian fashion SMEs. Every error is JSON ' +
        '`{statusCode, code, message, details?}`; validation errors name each field in `details.fields`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const validated = deriveSchemasFromValidation();
  return exact(SwaggerModule.createDocument(app, config), validated);
}

type Schema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };
interface Operation {
  parameters?: { schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/**
 * What Nest's generator cannot say by itself. Request DTOs are closed: the validation pipe refuses unknown fields.
 * An `allOf` of object schemas in a request body (an event: `type` plus its payload) becomes one closed object, as
 * `additionalProperties: false` inside an `allOf` member would refuse the other members' fields.
 */
function exact(document: OpenAPIObject, validated: Set<string>): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(schemas)) {
    if (validated.has(name) && schema.type === 'object') schema.additionalProperties = false;
  }
  const resolve = (schema: Schema): Schema =>
    typeof schema.$ref === 'string' ? (schemas[schema.$ref.replace('#/components/schemas/', '')] ?? schema) : schema;
  const flatten = (schema: Schema): Schema => {
    for (const key of ['oneOf', 'anyOf'] as const) {
      if (Array.isArray(schema[key])) schema[key] = (schema[key] as Schema[]).map(flatten);
    }
    if (!Array.isArray(schema.allOf)) return schema;
    const parts = (schema.allOf as Schema[]).map(resolve);
    if (!parts.every((part) => part.type === 'object' || part.properties)) return schema;
    const { allOf: _, ...rest } = schema;
    return {
      ...rest,
      type: 'object',
      properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})) as Record<string, unknown>,
      required: [...new Set(parts.flatMap((part) => part.required ?? []))],
      additionalProperties: false,
    };
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Operation[]) {
      // A query parameter is text or absent, never null (`@IsOptional` lets null through, but only a JSON body can send it).
      for (const parameter of operation.parameters ?? []) if (parameter.schema) delete parameter.schema.nullable;
      for (const media of Object.values(operation?.requestBody?.content ?? {})) {
        if (media.schema) media.schema = flatten(media.schema);
      }
    }
  }
  return document;
}

/**
 * The OpenAPI document at /docs-json and Swagger UI at /docs, in every environment.
 * The UI's files are served from swagger-ui-dist directly: Nest's own UI route needs @fastify/static,
 * whose ESM-only dependency jest cannot load, and the tests must boot what production boots.
 */
export function setupDocs(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', swaggerUiEnabled: false });
  const fastify = app.getHttpAdapter().getInstance();
  const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  fastify.get('/docs', (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  fastify.get('/docs/init.js', (_request, reply) => reply.type(ASSETS['swagger-ui-bundle.js']).send(INIT));
  fastify.get<{ Params: { asset: string } }>('/docs/:asset', async (request, reply) => {
    const type = ASSETS[request.params.asset];
    if (!type) return reply.callNotFound();
    return reply
      .type(type)
      .header('cache-control', 'public, max-age=86400')
      .send(await readFile(join(dist, request.params.asset)));
  });
}
