import { z } from 'zod';

export interface OperationSpec {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  /** A multipart/form-data body instead: each part's description, files marked (all required). */
  form?: Record<string, { description: string; file?: true; optional?: true }>;
  response?: z.ZodType;
  /** The media types of an answer that is a file or a stream rather than JSON (text/csv, application/pdf…). */
  produces?: string[];
  status?: number;
  query?: Record<string, string>;
}

type JsonSchema = Record<string, unknown>;

/** Rewrites zod's `#/$defs/X` references, which would point into the operation, to the document's components. */
function relink<T>(value: T): T {
  if (Array.isArray(value)) return value.map(relink) as T;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string'
        ? inner.replace(/^#\/\$defs\//, '#/components/schemas/')
        : relink(inner),
    ]),
  ) as T;
}

/**
 * A zod schema as an OpenAPI 3.1 schema. The schemas it names with `.meta({ id })`, recursive ones above all,
 * are added to `components` and referred to there: nothing resolves a `$defs` inside an operation.
 */
export function openApiSchema(
  schema: z.ZodType,
  io: 'input' | 'output',
  components: Record<string, JsonSchema>,
): JsonSchema {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  const {
    $defs = {},
    $schema: _,
    ...root
  } = generated as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [name, definition] of Object.entries($defs)) {
    // zod names an unnamed recursive schema __schema0, which would clash between operations.
    if (name.startsWith('__schema'))
      throw new Error(
        `A recursive schema needs a name of its own (.meta({ id })): ${JSON.stringify(definition)}`,
      );
    const component = relink(definition);
    if (name in components && JSON.stringify(components[name]) !== JSON.stringify(component))
      throw new Error(
        `Two different schemas are named ${name} (input and output may differ: name them apart)`,
      );
    components[name] = component;
  }
  return relink(root);
}

/** A multipart/form-data request body: text parts as strings, files as binary. */
function formBody(form: NonNullable<OperationSpec['form']>) {
  const parts = Object.entries(form);
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          properties: Object.fromEntries(
            parts.map(([name, part]) => [
              name,
              { type: 'string', ...(part.file ? { format: 'binary' } : {}), description: part.description },
            ]),
          ),
          required: parts.filter(([, part]) => !part.optional).map(([name]) => name),
        },
      },
    },
  };
}

/** Collects every operation with the same zod schemas the server validates with, for one OpenAPI 3.1 document. */
export class OpenApiRegistry {
  private operations: OperationSpec[] = [];
  private schemas: Record<string, JsonSchema> = {};

  add(operation: OperationSpec): void {
    this.operations.push(operation);
  }

  component(name: string, schema: z.ZodType, io: 'input' | 'output' = 'output'): { $ref: string } {
    const $ref = `#/components/schemas/${name}`;
    const generated = openApiSchema(schema, io, this.schemas);
    // A schema that carries this name in its own .meta({ id }) is among the components already.
    if (generated.$ref !== $ref) this.schemas[name] ??= generated;
    return { $ref };
  }

  document(extra: { paths: Record<string, Record<string, unknown>>; schemas: Record<string, JsonSchema> }) {
    const paths: Record<string, Record<string, unknown>> = { ...extra.paths };
    for (const op of this.operations) {
      const parameters = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      for (const [name, description] of Object.entries(op.query ?? {})) {
        parameters.push({
          name,
          in: 'query',
          required: false,
          schema: { type: 'string' },
          description,
        } as never);
      }
      const status = String(op.status ?? (op.response || op.produces ? 200 : 204));
      (paths[op.path] ??= {})[op.method] = {
        tags: [op.tag],
        summary: op.summary,
        ...(parameters.length ? { parameters } : {}),
        ...(op.form ? { requestBody: formBody(op.form) } : {}),
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: openApiSchema(op.body, 'input', this.schemas) } },
              },
            }
          : {}),
        responses: {
          [status]: op.response
            ? {
                description: 'OK',
                content: {
                  'application/json': { schema: openApiSchema(op.response, 'output', this.schemas) },
                },
              }
            : op.produces
              ? {
                  description: 'OK',
                  content: Object.fromEntries(
                    op.produces.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
                  ),
                }
              : op.status && op.status >= 300 && op.status < 400
                ? { description: 'A redirect', headers: { Location: { schema: { type: 'string' } } } }
                : { description: 'No content' },
          default: {
            description: 'Problem',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      };
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'Rapport API',
        version: '1',
        description: 'The public HTTP API of Rapport, an account-centric CRM.',
      },
      servers: [{ url: '/api/v1' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API key' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'rapport_session' },
        },
        schemas: {
          Problem: {
            type: 'object',
            required: ['type', 'title', 'status', 'detail'],
            properties: {
              type: { type: 'string' },
              title: { type: 'string' },
              status: { type: 'integer' },
              detail: { type: 'string' },
              errors: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { path: { type: 'string' }, message: { type: 'string' } },
                },
              },
            },
          },
          ...this.schemas,
          ...extra.schemas,
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
      paths,
    };
  }
}
