import { sql, type SQL } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import {
  baseConditions,
  tableOf,
  type RequestContext,
  type ResolvedField,
  type ResolvedObject,
} from '../../../server/engine';
import type { ObjectQuality, RecordQuality } from '../contract';

// Values that say nothing about the record (a flag is always set; long notes and structures are not data to fill).
const notScored = new Set(['boolean', 'json', 'longtext', 'links', 'link']);

/** The fields a record's quality is judged on: those a person fills in, visible to the caller. */
export function scoredFields(object: ResolvedObject): ResolvedField[] {
  return [...object.fields.values()].filter(
    (f) =>
      !f.system &&
      !f.computed &&
      !f.retired &&
      !f.spec.readOnly &&
      f.spec.placement !== 'hidden' &&
      !notScored.has(f.spec.type),
  );
}

const filled = (f: ResolvedField): SQL => sql`coalesce((${f.expr})::text, '') NOT IN ('', '[]', '{}')`;

/** A record's score in SQL: the share of the scored fields it has, 0 to 100. */
function scoreSql(fields: ResolvedField[]): SQL {
  if (!fields.length) return sql`100::float8`;
  return sql`round(100.0 * (${sql.join(
    fields.map((f) => sql`(CASE WHEN ${filled(f)} THEN 1 ELSE 0 END)`),
    sql` + `,
  )}) / ${fields.length})::float8`;
}

/** Completeness of an object, field by field, in one pass over its records (SQL does the counting). */
export async function objectQualityOf(ctx: RequestContext, object: ResolvedObject): Promise<ObjectQuality> {
  const fields = scoredFields(object);
  return ctx.db.read(async (x) => {
    const [counts] = await rows<Record<string, number>>(
      x,
      sql`SELECT count(*)::int AS records, coalesce(avg(${scoreSql(fields)}), 0)::float8 AS score
        ${sql.join(
          fields.map(
            (f, i) => sql`, count(*) FILTER (WHERE ${filled(f)})::int AS ${sql.identifier(`f${i}`)}`,
          ),
          sql``,
        )}
        FROM ${tableOf(object)} WHERE ${sql.join(baseConditions(ctx, object), sql` AND `)}`,
    );
    const [waiting] = await rows<{ n: number }>(
      x,
      sql`SELECT count(*)::int AS n FROM duplicate_pairs
        WHERE workspace_id = ${ctx.workspace.id} AND object = ${object.name} AND NOT dismissed`,
    );
    const records = counts.records;
    return {
      object: object.name,
      records,
      score: Math.round(counts.score * 10) / 10,
      duplicatesWaiting: waiting.n,
      fields: fields.map((f, i) => ({
        field: f.name,
        filled: counts[`f${i}`],
        share: records ? Math.round((counts[`f${i}`] / records) * 1000) / 1000 : 0,
      })),
    };
  });
}

/**
 * Records with their scores and missing fields: one record, or the lowest scores of an object first.
 * The worst list sorts the whole (visible) object by a computed score: a top-N sort, one pass, no index.
 */
export async function recordScores(
  ctx: RequestContext,
  object: ResolvedObject,
  which: { id: string } | { worst: number },
): Promise<(RecordQuality & { title: string })[]> {
  const fields = scoredFields(object);
  const missing = fields.length
    ? sql`array_remove(ARRAY[${sql.join(
        fields.map((f) => sql`CASE WHEN NOT ${filled(f)} THEN ${f.name}::text END`),
        sql`, `,
      )}], NULL)`
    : sql`ARRAY[]::text[]`;
  const title = object.fields.get(object.declaration.titleField);
  const names = ['firstName', 'lastName'].map((n) => object.fields.get(n)).filter((f) => !!f);
  const titleSql = names.length
    ? sql`concat_ws(' ', ${sql.join(
        names.map((f) => sql`${f.expr}`),
        sql`, `,
      )})`
    : title
      ? sql`coalesce((${title.expr})::text, '')`
      : sql`''`;
  const conditions = [...baseConditions(ctx, object)];
  if ('id' in which) conditions.push(sql`t.id = ${which.id}`);
  return ctx.db.read((x) =>
    rows<RecordQuality & { title: string }>(
      x,
      sql`SELECT t.id, ${scoreSql(fields)} AS score, ${missing} AS missing, ${titleSql} AS title
        FROM ${tableOf(object)} WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY score, t.id LIMIT ${'id' in which ? 1 : which.worst}`,
    ),
  );
}
