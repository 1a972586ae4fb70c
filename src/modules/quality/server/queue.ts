import { sql, type SQL } from 'drizzle-orm';
import { ValidationFailed } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import {
  assertAdmin,
  assertCanWrite,
  baseConditions,
  tableOf,
  type RequestContext,
  type ResolvedObject,
} from '../../../server/engine';
import type { DuplicatePair, QualitySettings, QualitySettingsInput } from '../contract';

interface PairRow {
  record_a: string;
  record_b: string;
  score: number;
  reasons: string[];
  found_at: string;
  title_a: string | null;
  title_b: string | null;
}

function titleOn(object: ResolvedObject, alias: string): SQL {
  const t = sql.raw(alias);
  const { titleSql, titleField } = object.declaration;
  return titleSql ? titleSql(t) : sql`(${object.as(alias).fields.get(titleField)!.expr})::text`;
}

function cursorOf(text: string | undefined): [number, string, string] | null {
  if (!text) return null;
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString()) as unknown;
    if (
      Array.isArray(value) &&
      typeof value[0] === 'number' &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'string' &&
      /^[0-9a-f-]{36}$/.test(value[1]) &&
      /^[0-9a-f-]{36}$/.test(value[2])
    )
      return value as [number, string, string];
  } catch {
    // answered below
  }
  throw new ValidationFailed('The cursor is not one this list gave', [
    { path: 'cursor', message: 'is not valid' },
  ]);
}

/** The review queue of an object, best score first, pairs whose both records the caller can see. */
export async function duplicateQueue(
  ctx: RequestContext,
  object: ResolvedObject,
  limit: number,
  cursor?: string,
) {
  const after = cursorOf(cursor);
  const a = object.as('a');
  const b = object.as('b');
  const found = await ctx.db.read((x) =>
    rows<PairRow>(
      x,
      sql`SELECT p.record_a, p.record_b, p.score::float8 AS score, p.reasons,
          to_char(p.found_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS found_at,
          ${titleOn(object, 'a')} AS title_a, ${titleOn(object, 'b')} AS title_b
        FROM duplicate_pairs p
        JOIN ${tableOf(a)} ON a.workspace_id = p.workspace_id AND a.id = p.record_a
        JOIN ${tableOf(b)} ON b.workspace_id = p.workspace_id AND b.id = p.record_b
        WHERE p.workspace_id = ${ctx.workspace.id} AND p.object = ${object.name} AND NOT p.dismissed
          AND ${sql.join([...baseConditions(ctx, a), ...baseConditions(ctx, b)], sql` AND `)}
          ${after ? sql`AND (p.score < ${after[0]}::numeric OR (p.score = ${after[0]}::numeric AND (p.record_a, p.record_b) > (${after[1]}::uuid, ${after[2]}::uuid)))` : sql``}
        ORDER BY p.score DESC, p.record_a, p.record_b LIMIT ${limit + 1}`,
    ),
  );
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map((p): DuplicatePair => ({
      object: object.name,
      recordIds: [p.record_a, p.record_b],
      titles: [p.title_a ?? '', p.title_b ?? ''],
      score: p.score,
      reasons: p.reasons,
      foundAt: p.found_at,
    })),
    nextCursor:
      found.length > limit
        ? Buffer.from(JSON.stringify([last.score, last.record_a, last.record_b])).toString('base64url')
        : null,
  };
}

/** Takes a pair off the queue: the two are not the same, and later scans keep it off. */
export async function dismissPair(ctx: RequestContext, object: string, ids: [string, string]) {
  assertCanWrite(ctx);
  const [lo, hi] = [...ids].sort();
  await ctx.db.write((tx) =>
    tx.execute(
      sql`INSERT INTO duplicate_pairs (workspace_id, object, record_a, record_b, score, reasons, dismissed)
        VALUES (${ctx.workspace.id}, ${object}, ${lo}, ${hi}, 0, '[]'::jsonb, true)
        ON CONFLICT (workspace_id, object, record_a, record_b) DO UPDATE SET dismissed = true`,
    ),
  );
}

/** Pairs that involve records merged away leave the queue with them. */
export async function forgetPairs(ctx: RequestContext, object: string, ids: string[]) {
  const list = `{${ids.join(',')}}`;
  await ctx.db.write((tx) =>
    tx.execute(
      sql`DELETE FROM duplicate_pairs WHERE workspace_id = ${ctx.workspace.id} AND object = ${object}
        AND (record_a = ANY(${list}::uuid[]) OR record_b = ANY(${list}::uuid[]))`,
    ),
  );
}

export async function readSettings(ctx: RequestContext): Promise<QualitySettings> {
  const [found] = await ctx.db.read((x) =>
    rows<{ t: number; stale: Record<string, number> }>(
      x,
      sql`SELECT duplicate_threshold::float8 AS t, stale_after_months AS stale
        FROM quality_settings WHERE workspace_id = ${ctx.workspace.id}`,
    ),
  );
  return {
    duplicateThreshold: found ? Math.round(found.t * 100) / 100 : 0.6,
    staleAfterMonths: found?.stale ?? {},
  };
}

export async function writeSettings(
  ctx: RequestContext,
  settings: QualitySettingsInput,
): Promise<QualitySettings> {
  assertAdmin(ctx);
  const stale = JSON.stringify(settings.staleAfterMonths ?? {});
  await ctx.db.write((tx) =>
    tx.execute(
      sql`INSERT INTO quality_settings (workspace_id, duplicate_threshold, stale_after_months)
        VALUES (${ctx.workspace.id}, ${settings.duplicateThreshold ?? 0.6}, ${stale}::jsonb)
        ON CONFLICT (workspace_id) DO UPDATE SET
          duplicate_threshold = coalesce(${settings.duplicateThreshold ?? null}::real, quality_settings.duplicate_threshold),
          stale_after_months = quality_settings.stale_after_months || excluded.stale_after_months`,
    ),
  );
  return readSettings(ctx);
}
