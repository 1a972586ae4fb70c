/**
 * The JSON schemas and parameters that every object's generated OpenAPI paths share: problems, list,
 * page and bulk parameters, history entries, aggregate requests and answers.
 */
import { dateBuckets, groupLimit, measureFunctions } from './aggregate';

export type JsonSchema = Record<string, unknown>;
export const problem = {
  description: 'Problem',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
export const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
export const listParams = [
  ...['limit', 'cursor', 'sort', 'q', 'fields'].map((name) => ({
    name,
    in: 'query',
    required: false,
    schema: { type: 'string' },
  })),
  {
    name: 'count',
    in: 'query',
    required: false,
    description:
      "`true` adds `total`, every match counted; `estimate` counts up to 1,000 matches and beyond that answers the database planner's estimate; `totalKind` says which was answered",
    schema: { enum: ['true', 'false', 'estimate'] },
  },
];

export const idList = { type: 'array', items: { type: 'string', format: 'uuid' } };
export const bulkRequest = {
  type: 'object',
  additionalProperties: false,
  properties: {
    create: { type: 'array', items: { type: 'object' } },
    update: { type: 'array', items: { type: 'object', required: ['id'] } },
    delete: idList,
    restore: idList,
  },
};
export const bulkMatchingRequest = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filter: { type: 'object', description: 'A filter tree, as in POST /{object}/query' },
    q: { type: 'string', maxLength: 500 },
    set: { type: 'object', description: 'fields and their new values' },
    delete: { const: true },
  },
};
/** The parameters of a keyset page. */
export const pageParams = (maximum: number) => [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum } },
  { name: 'cursor', in: 'query', schema: { type: 'string' } },
];
/** A keyset page of items: `nextCursor` is null on the last page. */
export const pageOf = (items: JsonSchema) => ({
  type: 'object',
  properties: { data: { type: 'array', items }, nextCursor: { type: ['string', 'null'] } },
  required: ['data', 'nextCursor'],
});
export const historyEntry = {
  type: 'object',
  properties: {
    at: { type: 'string', format: 'date-time' },
    actor: {
      type: 'object',
      properties: {
        type: { type: 'string' },
        id: { type: ['string', 'null'] },
        name: { type: ['string', 'null'] },
      },
    },
    source: { type: 'string', description: 'api, web, import, merge, mail…' },
    sourceRef: {
      type: ['string', 'null'],
      description: 'What the change came through: imports/<id>, merges/<id>, mail_messages/<id>',
    },
    changes: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, from: {}, to: {} },
        required: ['field'],
      },
    },
  },
  required: ['at', 'actor', 'source', 'changes'],
};
const fieldName = { type: 'string', minLength: 1, maxLength: 100 };
export const aggregateRequest = {
  type: 'object',
  additionalProperties: false,
  required: ['measures'],
  properties: {
    filter: { type: 'object', description: 'A filter tree, as in POST /{object}/query' },
    groupBy: {
      type: 'array',
      maxItems: 2,
      items: {
        anyOf: [
          fieldName,
          {
            type: 'object',
            additionalProperties: false,
            required: ['field'],
            properties: { field: fieldName, bucket: { enum: [...dateBuckets] } },
          },
        ],
      },
    },
    measures: {
      type: 'array',
      minItems: 1,
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['fn'],
        properties: { fn: { enum: [...measureFunctions] }, field: fieldName },
      },
    },
  },
};
export const aggregateAnswer = {
  type: 'object',
  required: ['data', 'capped'],
  properties: {
    data: {
      type: 'array',
      maxItems: groupLimit,
      items: {
        type: 'object',
        required: ['group', 'values'],
        properties: {
          group: {
            type: 'object',
            description: 'The value of each grouped field (a bucket as its first day)',
          },
          values: {
            type: 'array',
            description: 'One value per measure, in their order; money as decimal strings',
          },
        },
      },
    },
    capped: { type: 'boolean', description: `true when there were more than ${groupLimit} groups` },
  },
};
