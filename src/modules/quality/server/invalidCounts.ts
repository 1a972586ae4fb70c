import { sql } from 'drizzle-orm';
import { NotFound, ValidationFailed } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import { baseConditions, tableOf, type RequestContext, type ResolvedObject } from '../../../server/engine';
import type { InvalidRecords, InvalidValue, ObjectQualityAnswer } from '../contract';
import { compiledChecks, publicCheck } from './invalidValues';
import { titleSql } from './scores';

type Invalid = ObjectQualityAnswer['invalid'];

/**
 * How many of the records the caller may see break each check, and how many break any: one pass over
 * the object (a unique rule's keys held twice are grouped once, in the same statement).
 */
export async function invalidValuesOf(ctx: RequestContext, object: ResolvedObject): Promise<Invalid> {
  return ctx.db.read(async (x) => {
    const checks = await compiledChecks(x, object, { perRecord: false, workspaceId: ctx.workspace.id });
    const run = checks.filter((c) => c.condition);
    if (!run.length) return { records: 0, checks: checks.map(publicCheck) };
    const [counts] = await rows<Record<string, number>>(
      x,
      sql`SELECT ${sql.join(
        run.map((c, i) => sql`count(*) FILTER (WHERE ${c.condition})::int AS ${sql.identifier(`c${i}`)}`),
        sql`, `,
      )}, count(*) FILTER (WHERE ${sql.join(
        run.map((c) => c.condition!),
        sql` OR `,
      )})::int AS any
      FROM ${tableOf(object)} WHERE ${sql.join(baseConditions(ctx, object), sql` AND `)}`,
    );
    return {
      records: counts.any,
      checks: checks.map((c) => ({
        ...publicCheck(c),
        records: c.condition ? counts[`c${run.indexOf(c)}`] : null,
      })),
    };
  });
}

/** The records the caller may see that break one check, by id, a page at a time (keyset on the id). */
export async function invalidRecordsOf(
  ctx: RequestContext,
  object: ResolvedObject,
  query: { check: string; limit: number; cursor?: string },
): Promise<InvalidRecords> {
  return ctx.db.read(async (x) => {
    const checks = await compiledChecks(x, object, { perRecord: false, workspaceId: ctx.workspace.id });
    const check = checks.find((c) => c.id === query.check);
    if (!check) throw new NotFound(`${object.declaration.labelPlural} have no check ${query.check}`);
    if (!check.condition)
      throw new ValidationFailed(`That check was not run: ${check.notChecked}`, [
        { path: 'check', message: 'was not checked' },
      ]);
    const field = object.fields.get(check.field)!;
    const conditions = [...baseConditions(ctx, object), check.condition];
    if (query.cursor) conditions.push(sql`t.id > ${query.cursor}::uuid`);
    const found = await rows<{ id: string; title: string; value: unknown }>(
      x,
      sql`SELECT t.id, ${titleSql(object)} AS title, to_jsonb(${field.json}) AS value
        FROM ${tableOf(object)} WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY t.id LIMIT ${query.limit + 1}`,
    );
    const page = found.slice(0, query.limit);
    return { data: page, nextCursor: found.length > query.limit ? page[page.length - 1].id : null };
  });
}

/** The checks one record breaks: what its page shows to fix, beside the fields that would raise its score. */
export async function recordInvalidOf(
  ctx: RequestContext,
  x: Executor,
  object: ResolvedObject,
  id: string,
): Promise<InvalidValue[]> {
  const checks = (await compiledChecks(x, object, { perRecord: true, workspaceId: ctx.workspace.id })).filter(
    (c) => c.condition,
  );
  if (!checks.length) return [];
  const [found] = await rows<{ hits: number[] }>(
    x,
    sql`SELECT array_remove(ARRAY[${sql.join(
      checks.map((c, i) => sql`CASE WHEN ${c.condition} THEN ${i}::int END`),
      sql`, `,
    )}], NULL) AS hits
      FROM ${tableOf(object)} WHERE ${sql.join([...baseConditions(ctx, object), sql`t.id = ${id}`], sql` AND `)}`,
  );
  return (found?.hits ?? []).map((i) => ({
    field: checks[i].field,
    check: checks[i].id,
    message: checks[i].message,
  }));
}
