import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { ValidationFailed } from '../../common/errors';
import { filterNode } from '../../common/pagination';
import { rows } from '../db/database';
import { parse } from '../http/validate';
import type { RequestContext } from './context';
import { checkFilterSize } from './listParams';
import { compileFilter } from './filters';
import { lookupField, referencedSortField } from './query';
import { linkedIds, linkedRecordsPath } from './linkedRecords';
import { baseConditions, tableOf } from './tableScope';
import type { ResolvedField, ResolvedObject } from './resolved';
import { pgTextArray } from './sqlValues';

/**
 * `POST /{object}/aggregate`: counts, sums, averages, minima and maxima of the records the caller
 * may see, grouped by up to two fields. PostgreSQL groups and aggregates and builds each group's
 * JSON; Node only joins the rows, so no request loads a table into the server.
 */

export const dateBuckets = ['day', 'week', 'month', 'quarter', 'year'] as const;
export const measureFunctions = ['count', 'sum', 'avg', 'min', 'max', 'median', 'distinctCount'] as const;
/** At most this many groups are answered (in group order); `capped` tells when there were more. */
export const groupLimit = 1000;

const fieldName = z.string().min(1).max(100);

export const aggregateBody = z
  .object({
    filter: filterNode.optional(),
    groupBy: z
      .array(
        z.union([fieldName, z.object({ field: fieldName, bucket: z.enum(dateBuckets).optional() }).strict()]),
      )
      .max(2)
      .optional(),
    measures: z
      .array(z.object({ fn: z.enum(measureFunctions), field: fieldName.optional() }).strict())
      .min(1)
      .max(10),
  })
  .strict();
export type AggregateRequest = z.infer<typeof aggregateBody>;

/** One aggregate answer: `data` is JSON text of the groups, in group order. */
export interface AggregateResult {
  groups: string[];
  capped: boolean;
}

type Bucket = (typeof dateBuckets)[number];
// The unit is SQL text chosen here from the validated bucket name, never the request's own text.
const bucketUnit: Record<Bucket, SQL> = {
  day: sql.raw(`'day'`),
  week: sql.raw(`'week'`),
  month: sql.raw(`'month'`),
  quarter: sql.raw(`'quarter'`),
  year: sql.raw(`'year'`),
};

function bad(path: string, message: string): never {
  throw new ValidationFailed(`Invalid aggregate at ${path}: ${message}`, [{ path, message }]);
}

interface Grouping {
  name: string;
  /** the group's value, on the row (alias `t`, or the unnest of an array field) */
  value: SQL;
  /** a LATERAL unnest that makes one row per element of an array field */
  join?: SQL;
  /** its JSON, from the grouped column `g` */
  json(g: SQL): SQL;
  /** its ORDER BY terms, from the grouped column `g` */
  order(g: SQL): SQL;
}

/** Grouping by free text with a hundred thousand values is legitimate; by a note or an address is not. */
function groupable(field: ResolvedField): boolean {
  return field.spec.type !== 'longtext' && field.kind.cast !== 'jsonb';
}

/** Select values in the order of their options where the field has options, else by value; null last. */
function valueOrder(field: ResolvedField): (g: SQL) => SQL {
  const options = field.spec.options?.map((o) => o.value);
  if (!options?.length) return (g) => sql`${g} ASC NULLS LAST`;
  const list = sql`${pgTextArray(options)}::text[]`;
  return (g) => sql`array_position(${list}, ${g}) ASC NULLS LAST, ${g} ASC NULLS LAST`;
}

function grouping(
  ctx: RequestContext,
  object: ResolvedObject,
  item: string | { field: string; bucket?: Bucket },
  i: number,
): Grouping {
  const spec = typeof item === 'string' ? { field: item } : item;
  const path = typeof item === 'string' ? `groupBy.${i}` : `groupBy.${i}.field`;
  const linked = linkedRecordsPath(object, spec.field);
  if (linked) {
    // `links.contacts`: one group per linked record the caller may see; a record with none is in the null group.
    if (spec.bucket)
      bad(`groupBy.${i}.bucket`, `${spec.field} is not a date; only dates and datetimes have buckets`);
    const alias = sql.identifier(`u${i}`);
    return {
      name: spec.field,
      value: sql`${alias}.v`,
      join: sql`LEFT JOIN LATERAL (${linkedIds(ctx, linked, `k${i}`)}) AS ${alias}(v) ON TRUE`,
      json: (g) => sql`(${g})::text`,
      order: (g) => sql`${g} ASC NULLS LAST`,
    };
  }
  // `accountId.industry`: the referred record's field, with that record's visibility (a deal's account's industry).
  const field =
    referencedSortField(ctx, object, spec.field, 20 + i, path) ?? lookupField(object, spec.field, path);
  if (!groupable(field)) bad(path, `${field.name} cannot be grouped by`);
  if (spec.bucket) {
    const { cast } = field.kind;
    if (cast !== 'date' && cast !== 'timestamptz')
      bad(`groupBy.${i}.bucket`, `${field.name} is not a date; only dates and datetimes have buckets`);
    // Datetimes fall in the bucket of their UTC day; weeks start on Monday (ISO).
    const day = cast === 'date' ? sql`(${field.expr})::timestamp` : sql`(${field.expr} AT TIME ZONE 'UTC')`;
    return {
      name: field.name,
      // Cast to a date once per group, not per row.
      value: sql`date_trunc(${bucketUnit[spec.bucket]}, ${day})`,
      json: (g) => sql`((${g})::date)::text`,
      order: (g) => sql`${g} ASC NULLS LAST`,
    };
  }
  if (field.kind.isArray) {
    // One group per element; a record with no element is in the null group.
    const alias = sql.identifier(`u${i}`);
    return {
      name: field.name,
      value: sql`${alias}.v`,
      join: sql`LEFT JOIN LATERAL unnest(${field.expr}) AS ${alias}(v) ON TRUE`,
      json: (g) => g,
      order: valueOrder(field),
    };
  }
  return { name: field.name, value: field.expr, json: (g) => field.kind.json(g), order: valueOrder(field) };
}

interface Measure {
  value: SQL;
  json(m: SQL): SQL;
}

const numeric = ['numeric', 'bigint'];

function measure(
  object: ResolvedObject,
  item: { fn: (typeof measureFunctions)[number]; field?: string },
  i: number,
): Measure {
  const path = `measures.${i}.field`;
  if (item.fn === 'count' && item.field === undefined) return { value: sql`count(*)`, json: (m) => m };
  if (item.field === undefined) bad(path, `${item.fn} needs a field`);
  const field = lookupField(object, item.field, path);
  const e = field.expr;
  const money = field.spec.type === 'money';
  switch (item.fn) {
    case 'count':
      // An empty list counts as no value, as `isNull` has it.
      return field.kind.isArray
        ? { value: sql`count(*) FILTER (WHERE cardinality(${e}) > 0)`, json: (m) => m }
        : { value: sql`count(${e})`, json: (m) => m };
    case 'distinctCount':
      if (field.kind.isArray || field.kind.cast === 'jsonb')
        bad(path, `distinctCount needs a field with one value; ${field.name} is ${field.spec.type}`);
      return { value: sql`count(DISTINCT ${e})`, json: (m) => m };
    case 'median':
      // The middle value, or the mean of the two middle ones, as spreadsheets do: exact in numeric
      // (percentile_cont would go through float8), from the lower and the upper middle values.
      if (!numeric.includes(field.kind.cast) || field.kind.isArray)
        bad(path, `median needs a number, integer or money field; ${field.name} is ${field.spec.type}`);
      return {
        value: sql`round((percentile_disc(0.5) WITHIN GROUP (ORDER BY ${e})
          + percentile_disc(0.5) WITHIN GROUP (ORDER BY ${e} DESC))::numeric / 2, ${money ? sql`max(scale(${e}))` : sql`8`})`,
        json: (m) => (money ? sql`(${m})::text` : sql`(${m})::float8`),
      };
    case 'sum':
    case 'avg': {
      if (!numeric.includes(field.kind.cast) || field.kind.isArray)
        bad(path, `${item.fn} needs a number, integer or money field; ${field.name} is ${field.spec.type}`);
      if (item.fn === 'sum')
        // Money and integer sums are exact decimals; money travels as a string.
        return {
          value: sql`sum(${e})`,
          json: (m) => (money ? sql`(${m})::text` : field.spec.type === 'number' ? sql`(${m})::float8` : m),
        };
      // A money average keeps as many decimals as the most precise amount it averages.
      return money
        ? { value: sql`round(avg(${e}), max(scale(${e})))`, json: (m) => sql`(${m})::text` }
        : { value: sql`avg(${e})`, json: (m) => sql`(${m})::float8` };
    }
    case 'min':
    case 'max': {
      const ordered =
        !field.kind.isArray && field.kind.operators.includes('lt') && field.spec.type !== 'longtext';
      if (!ordered)
        bad(
          path,
          `${item.fn} needs a number, money, date, datetime or text field; ${field.name} is ${field.spec.type}`,
        );
      return { value: sql`${sql.raw(item.fn)}(${e})`, json: (m) => field.kind.json(m) };
    }
  }
}

/** The body as a checked request: the same 400s for shape, size and meaning, before any SQL runs. */
export function aggregateFromBody(body: unknown): AggregateRequest {
  if (body && typeof body === 'object') checkFilterSize((body as Record<string, unknown>).filter);
  return parse(aggregateBody, body);
}

export async function aggregateRecords(
  ctx: RequestContext,
  object: ResolvedObject,
  request: AggregateRequest,
): Promise<AggregateResult> {
  const groups = (request.groupBy ?? []).map((item, i) => grouping(ctx, object, item, i));
  groups.forEach((g, i) => {
    if (groups.findIndex((other) => other.name === g.name) !== i)
      bad(`groupBy.${i}`, `${g.name} is grouped by twice`);
  });
  const measures = request.measures.map((item, i) => measure(object, item, i));
  const where = baseConditions(ctx, object);
  if (request.filter) where.push(compileFilter(ctx, object, request.filter));

  const g = (i: number) => sql.identifier(`g${i}`);
  const m = (i: number) => sql.identifier(`m${i}`);
  const outer = (column: ReturnType<typeof sql.identifier>) => sql`a.${column}`;
  const columns = [
    ...groups.map((group, i) => sql`${group.value} AS ${g(i)}`),
    ...measures.map((item, i) => sql`${item.value} AS ${m(i)}`),
  ];
  // Grouping by position keeps each group's SQL (and its parameters) written once.
  const groupBy = groups.length
    ? sql` GROUP BY ${sql.join(
        groups.map((_, i) => sql.raw(String(i + 1))),
        sql`, `,
      )}`
    : sql``;
  const joins = sql.join(
    groups.flatMap((group) => (group.join ? [group.join] : [])),
    sql` `,
  );
  const groupJson = groups.length
    ? sql`json_build_object(${sql.join(
        groups.map((group, i) => sql`${group.name}::text, ${group.json(outer(g(i)))}`),
        sql`, `,
      )})`
    : sql`json_build_object()`;
  const valuesJson = sql`json_build_array(${sql.join(
    measures.map((item, i) => item.json(outer(m(i)))),
    sql`, `,
  )})`;
  const orderBy = groups.length
    ? sql` ORDER BY ${sql.join(
        groups.map((group, i) => group.order(outer(g(i)))),
        sql`, `,
      )}`
    : sql``;
  const query = sql`SELECT json_build_object('group', ${groupJson}, 'values', ${valuesJson})::text AS j
    FROM (SELECT ${sql.join(columns, sql`, `)} FROM ${tableOf(object)} ${joins}
      WHERE ${sql.join(where, sql` AND `)}${groupBy}) AS a${orderBy}
    LIMIT ${groupLimit + 1}`;
  const found = await ctx.db.read((db) => rows<{ j: string }>(db, query));
  return { groups: found.slice(0, groupLimit).map((r) => r.j), capped: found.length > groupLimit };
}

export function aggregateJson(result: AggregateResult): string {
  return `{"data":[${result.groups.join(',')}],"capped":${result.capped}}`;
}
