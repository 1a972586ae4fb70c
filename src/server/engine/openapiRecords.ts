import { address } from '../../common/address';
import { recordLink } from '../../common/recordLink';
import { listQueryBody } from '../../common/pagination';
import { openApiSchema } from '../http/openapi';
import type { ResolvedField, ResolvedObject } from './resolved';
import { bulkMatchingLimit } from './bulkMatching';
import {
  problem,
  json,
  ref,
  idParam,
  listParams,
  idList,
  bulkRequest,
  bulkMatchingRequest,
  pageParams,
  pageOf,
  historyEntry,
  aggregateRequest,
  aggregateAnswer,
  type JsonSchema,
} from './openapiRecordParts';

function valueSchema(field: ResolvedField, components: Record<string, JsonSchema>): JsonSchema {
  const { spec } = field;
  switch (spec.type) {
    case 'number':
      return { type: 'number' };
    case 'integer':
      return { type: 'integer' };
    case 'money':
      return { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$', description: 'decimal string' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'boolean':
      return { type: 'boolean' };
    case 'reference':
      return { type: 'string', format: 'uuid' };
    case 'email':
      return { type: 'string', format: 'email' };
    case 'url':
      return { type: 'string', format: 'uri' };
    case 'select':
      return { type: 'string', enum: spec.options?.map((o) => o.value) };
    case 'multiselect':
      return { type: 'array', items: { type: 'string', enum: spec.options?.map((o) => o.value) } };
    case 'tags':
    case 'emails':
    case 'phones':
      return { type: 'array', items: { type: 'string' } };
    case 'address':
      return openApiSchema(address, 'output', components);
    case 'link':
      return openApiSchema(recordLink, 'output', components);
    case 'links':
      return { type: 'array', items: openApiSchema(recordLink, 'output', components) };
    case 'json':
      return spec.schema ? openApiSchema(spec.schema, 'output', components) : {};
    default:
      return { type: 'string', ...(spec.max ? { maxLength: spec.max } : {}) };
  }
}

function recordSchemas(object: ResolvedObject, components: Record<string, JsonSchema>) {
  const fields = [...object.fields.values()].filter((f) => !f.retired);
  const writable = fields.filter((f) => !f.spec.readOnly && (!f.system || f.name === 'ownerId'));
  const props = (list: ResolvedField[], nullable: boolean) =>
    Object.fromEntries(
      list.map((f) => {
        const s = valueSchema(f, components);
        return [
          f.name,
          nullable && !f.spec.required
            ? { anyOf: [s, { type: 'null' }], description: f.spec.label }
            : { ...s, description: f.spec.label },
        ];
      }),
    );
  return {
    record: {
      type: 'object',
      properties: props(fields, true),
      required: ['id', 'version', 'createdAt', 'updatedAt'],
    },
    create: {
      type: 'object',
      additionalProperties: false,
      properties: props(writable, true),
      required: writable.filter((f) => f.spec.required).map((f) => f.name),
    },
    update: { type: 'object', additionalProperties: false, properties: props(writable, true) },
  };
}

/** The record endpoints of every standard object, described from the same declarations the server serves. */
export function recordPaths(objects: ResolvedObject[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, JsonSchema> = {};
  const listQuery = openApiSchema(listQueryBody, 'input', schemas);
  for (const object of objects) {
    const tag = object.declaration.labelPlural;
    const base = object.declaration.label.replace(/\s/g, '');
    const s = recordSchemas(object, schemas);
    schemas[base] = s.record;
    schemas[`${base}Create`] = s.create;
    schemas[`${base}Update`] = s.update;
    const page = {
      type: 'object',
      properties: {
        data: { type: 'array', items: ref(base) },
        nextCursor: { type: ['string', 'null'] },
        total: { type: 'integer', description: 'How many records match (with `count`)' },
        totalKind: {
          enum: ['exact', 'estimate'],
          description: 'Whether `total` was counted or estimated',
        },
      },
      required: ['data', 'nextCursor'],
    };
    const one = { description: 'The record', content: json(ref(base)) };
    const binned = {
      type: 'object',
      properties: {
        id: { type: 'string' },
        title: { type: ['string', 'null'] },
        deletedAt: { type: 'string', format: 'date-time' },
        deletedBy: { type: ['string', 'null'] },
        record: ref(base),
      },
      required: ['id', 'deletedAt', 'record'],
    };
    paths[`/${object.name}`] = {
      get: {
        tags: [tag],
        summary: `List ${tag.toLowerCase()}`,
        parameters: listParams,
        responses: { 200: { description: 'A page', content: json(page) }, default: problem },
      },
      post: {
        tags: [tag],
        summary: `Create ${/^[aeiou]/i.test(base) ? 'an' : 'a'} ${object.declaration.label.toLowerCase()}`,
        requestBody: { content: json(ref(`${base}Create`)) },
        responses: { 201: one, default: problem },
      },
    };
    paths[`/${object.name}/query`] = {
      post: {
        tags: [tag],
        summary: 'List with a filter tree',
        requestBody: { required: true, content: json(listQuery) },
        responses: { 200: { description: 'A page', content: json(page) }, default: problem },
      },
    };
    paths[`/${object.name}/aggregate`] = {
      post: {
        tags: [tag],
        summary: 'Count, sum, average, min and max, grouped by up to two fields or date buckets',
        requestBody: { content: json(aggregateRequest) },
        responses: { 200: { description: 'The groups', content: json(aggregateAnswer) }, default: problem },
      },
    };
    paths[`/${object.name}/bulk`] = {
      post: {
        tags: [tag],
        summary: 'Create, update, delete and restore up to 1,000 records, all or nothing',
        requestBody: { content: json(bulkRequest) },
        responses: {
          200: {
            description: 'The records created and updated, the ids deleted and restored',
            content: json({
              type: 'object',
              properties: {
                created: { type: 'array', items: ref(base) },
                updated: { type: 'array', items: ref(base) },
                deleted: idList,
                restored: idList,
              },
              required: ['created', 'updated', 'deleted', 'restored'],
            }),
          },
          default: problem,
        },
      },
    };
    paths[`/${object.name}/bulk/matching`] = {
      post: {
        tags: [tag],
        summary: `Set fields on, or delete, every record a filter and search match (at most ${bulkMatchingLimit.toLocaleString('en-US')}), all or nothing`,
        requestBody: { content: json(bulkMatchingRequest) },
        responses: {
          200: {
            description: '{matched, previous} (the values replaced, for an undo) or {matched, deleted}',
          },
          default: problem,
        },
      },
    };
    paths[`/${object.name}/export`] = {
      get: {
        tags: [tag],
        summary: 'Export as CSV or XLSX',
        description:
          'Every matching record (the list parameters apply), streamed. Columns are in words: the ID first; a link as the name of the record or user it points to, followed by its id in a column of its own ("Owner", "Owner ID"); choices by their label; yes or no; an address as five columns (street, postal code, city, region, country). Cells that a spreadsheet would run as a formula are neutralised.',
        parameters: [...listParams, { name: 'format', in: 'query', schema: { enum: ['csv', 'xlsx'] } }],
        responses: {
          200: {
            description: 'The file',
            content: {
              'text/csv': { schema: { type: 'string', format: 'binary' } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: { type: 'string', format: 'binary' },
              },
            },
          },
          default: problem,
        },
      },
    };
    paths[`/${object.name}/{id}`] = {
      get: {
        tags: [tag],
        summary: 'One record',
        parameters: [idParam],
        responses: { 200: one, default: problem },
      },
      patch: {
        tags: [tag],
        summary: 'Change fields; If-Match guards against stale versions',
        parameters: [idParam],
        requestBody: { content: json(ref(`${base}Update`)) },
        responses: { 200: one, default: problem },
      },
      delete: {
        tags: [tag],
        summary: 'Move to the recycle bin',
        parameters: [idParam],
        responses: { 204: { description: 'Binned' }, default: problem },
      },
    };
    paths[`/${object.name}/{id}/restore`] = {
      post: {
        tags: [tag],
        summary: 'Restore from the recycle bin',
        parameters: [idParam],
        responses: { 200: one, default: problem },
      },
    };
    paths[`/${object.name}/bin`] = {
      get: {
        tags: [tag],
        summary: 'The recycle bin: binned records, newest first, with deletedAt and deletedBy',
        parameters: pageParams(200),
        responses: {
          200: {
            description: 'A page of binned records',
            content: json(pageOf(binned)),
          },
          default: problem,
        },
      },
    };
    paths[`/${object.name}/bin/{id}`] = {
      get: {
        tags: [tag],
        summary: 'One binned record',
        parameters: [idParam],
        responses: { 200: { description: 'The binned record', content: json(binned) }, default: problem },
      },
      delete: {
        tags: [tag],
        summary: 'Purge a binned record for good (admins); 409 while other records refer to it',
        parameters: [idParam],
        responses: { 204: { description: 'Purged' }, default: problem },
      },
    };
    paths[`/${object.name}/{id}/history`] = {
      get: {
        tags: [tag],
        summary: 'Every change, newest first',
        parameters: [idParam, ...pageParams(500)],
        responses: {
          200: {
            description: 'A page of history entries, newest first',
            content: json(pageOf(historyEntry)),
          },
          default: problem,
        },
      },
    };
  }
  return { paths, schemas };
}
