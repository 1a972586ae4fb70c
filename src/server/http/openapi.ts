import { z } from 'zod';

export interface OperationSpec {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
  query?: Record<string, string>;
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** Collects every operation with the same zod schemas the server validates with, for one OpenAPI 3.1 document. */
export class OpenApiRegistry {
  private operations: OperationSpec[] = [];
  private schemas: Record<string, JsonSchema> = {};

  add(operation: OperationSpec): void {
    this.operations.push(operation);
  }

  component(name: string, schema: z.ZodType, io: 'input' | 'output' = 'output'): { $ref: string } {
    this.schemas[name] ??= jsonSchema(schema, io);
    return { $ref: `#/components/schemas/${name}` };
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
      const status = String(op.status ?? (op.response ? 200 : 204));
      (paths[op.path] ??= {})[op.method] = {
        tags: [op.tag],
        summary: op.summary,
        ...(parameters.length ? { parameters } : {}),
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
              },
            }
          : {}),
        responses: {
          [status]: op.response
            ? {
                description: 'OK',
                content: { 'application/json': { schema: jsonSchema(op.response, 'output') } },
              }
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
