import { sql, type SQL } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import {
  baseConditions,
  tableOf,
  type RequestContext,
  type ResolvedField,
  type ResolvedObject,
} from '../../../server/engine';
import { ValidationFailed } from '../../../common/errors';
import type { ObjectQuality, QualityGroup, RecordQuality } from '../contract';

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

// A custom field is read as its JSON text, never cast: a value that is not of its type counts as
// filled (the invalid values view names it) instead of failing the whole pass.
const filled = (f: ResolvedField): SQL =>
  f.custom
    ? sql`coalesce(${f.json} #>> '{}', '') NOT IN ('', '[]', '{}')`
    : sql`coalesce((${f.expr})::text, '') NOT IN ('', '[]', '{}')`;

/** A record's score in SQL: the share of the scored fields it has, 0 to 100. */
function scoreSql(fields: ResolvedField[]): SQL {
  if (!fields.length) return sql`100::float8`;
  return sql`round(100.0 * (${sql.join(
    fields.map((f) => sql`(CASE WHEN ${filled(f)} THEN 1 ELSE 0 END)`),
    sql` + `,
  )}) / ${fields.length})::float8`;
}

/** What completeness counts, in one pass: records, the average score, stale records, and each field filled. */
function completeness(fields: ResolvedField[], staleMonths: number): SQL {
  return sql`count(*)::int AS records, coalesce(avg(${scoreSql(fields)}), 0)::float8 AS score,
    count(*) FILTER (WHERE t.updated_at < now() - make_interval(months => ${staleMonths}::int))::int AS stale
    ${sql.join(
      fields.map((f, i) => sql`, count(*) FILTER (WHERE ${filled(f)})::int AS ${sql.identifier(`f${i}`)}`),
      sql``,
    )}`;
}

type Counts = Record<string, number>;

/** The counted row in words: the score to a tenth, each field's share to a thousandth. */
function counted(fields: ResolvedField[], counts: Counts) {
  const records = counts.records;
  return {
    records,
    score: Math.round(counts.score * 10) / 10,
    stale: counts.stale,
    fields: fields.map((f, i) => ({
      field: f.name,
      filled: counts[`f${i}`],
      share: records ? Math.round((counts[`f${i}`] / records) * 1000) / 1000 : 0,
    })),
  };
}

/** Completeness of an object, field by field, in one pass over its records (SQL does the counting). */
export async function objectQualityOf(
  ctx: RequestContext,
  object: ResolvedObject,
  staleMonths: number,
): Promise<ObjectQuality> {
  const fields = scoredFields(object);
  return ctx.db.read(async (x) => {
    const [counts] = await rows<Counts>(
      x,
      sql`SELECT ${completeness(fields, staleMonths)}
        FROM ${tableOf(object)} WHERE ${sql.join(baseConditions(ctx, object), sql` AND `)}`,
    );
    const [waiting] = await rows<{ n: number }>(
      x,
      sql`SELECT count(*)::int AS n FROM duplicate_pairs
        WHERE workspace_id = ${ctx.workspace.id} AND object = ${object.name} AND NOT dismissed`,
    );
    return { object: object.name, duplicatesWaiting: waiting.n, staleMonths, ...counted(fields, counts) };
  });
}

/**
 * Completeness per owner, or per the owner's team, in one grouped pass: which people's records need
 * filling in or are going stale. Most records first; at most 500 groups.
 */
export async function qualityByGroup(
  ctx: RequestContext,
  object: ResolvedObject,
  by: 'owner' | 'team',
  staleMonths: number,
): Promise<QualityGroup[]> {
  const owner = object.fields.get('ownerId');
  if (!object.declaration.hasOwner || !owner)
    throw new ValidationFailed(`${object.declaration.labelPlural} have no owner to group by`, [
      { path: 'object', message: 'has no owner' },
    ]);
  const fields = scoredFields(object);
  const group =
    by === 'owner'
      ? { id: sql`u.id`, name: sql`coalesce(u.name, 'No owner')`, join: sql`` }
      : {
          id: sql`tm.id`,
          name: sql`coalesce(tm.name, 'No team')`,
          join: sql`LEFT JOIN teams tm ON tm.workspace_id = u.workspace_id AND tm.id = u.team_id`,
        };
  const found = await ctx.db.read((x) =>
    rows<Counts & { gid: string | null; gname: string }>(
      x,
      sql`SELECT ${group.id} AS gid, ${group.name} AS gname, ${completeness(fields, staleMonths)}
        FROM ${tableOf(object)}
        LEFT JOIN users u ON u.workspace_id = t.workspace_id AND u.id = ${owner.expr}
        ${group.join}
        WHERE ${sql.join(baseConditions(ctx, object), sql` AND `)}
        GROUP BY 1, 2 ORDER BY records DESC, gname LIMIT 500`,
    ),
  );
  return found.map((g) => ({ id: g.gid, name: g.gname, ...counted(fields, g) }));
}

/** A record's name in SQL, as lists show it: a person's first and last name, or the title field. */
export function titleSql(object: ResolvedObject): SQL {
  const title = object.fields.get(object.declaration.titleField);
  const names = ['firstName', 'lastName'].map((n) => object.fields.get(n)).filter((f) => !!f);
  if (names.length)
    return sql`concat_ws(' ', ${sql.join(
      names.map((f) => sql`${f.expr}`),
      sql`, `,
    )})`;
  return title ? sql`coalesce((${title.expr})::text, '')` : sql`''`;
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
  const conditions = [...baseConditions(ctx, object)];
  if ('id' in which) conditions.push(sql`t.id = ${which.id}`);
  return ctx.db.read((x) =>
    rows<RecordQuality & { title: string }>(
      x,
      sql`SELECT t.id, ${scoreSql(fields)} AS score, ${missing} AS missing, ${titleSql(object)} AS title
        FROM ${tableOf(object)} WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY score, t.id LIMIT ${'id' in which ? 1 : which.worst}`,
    ),
  );
}
