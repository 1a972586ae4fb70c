import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { ObjectMap, RequestContext, ResolvedObject } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { systemContext } from '../../../server/seed/context';
import { defaultStaleAfterMonths, type QualitySnapshot, type QualityTrend } from '../contract';
import { objectQualityOf } from './scores';

export const snapshotJob = 'quality.snapshot';
const today = sql`(now() AT TIME ZONE 'UTC')::date`;

/**
 * Today's quality figures of each object, one row per workspace, object and day: a second run the same
 * day replaces the first, so the job may run again safely. Stale counts records past the object's
 * `staleAfterMonths`. Counted as an admin sees the records: every live one.
 */
export async function takeSnapshots(ctx: RequestContext, objects: ResolvedObject[]) {
  const [settings] = await ctx.db.read((x) =>
    rows<{ stale: Record<string, number> }>(
      x,
      sql`SELECT stale_after_months AS stale FROM quality_settings WHERE workspace_id = ${ctx.workspace.id}`,
    ),
  );
  for (const object of objects) {
    const months = settings?.stale[object.name] ?? defaultStaleAfterMonths;
    const q = await objectQualityOf(ctx, object, months);
    const fields = q.fields.map((f) => ({ field: f.field, share: f.share }));
    await ctx.db.write((tx) =>
      tx.execute(sql`INSERT INTO quality_snapshots
          (workspace_id, object, day, records, score, stale, duplicates_waiting, fields, taken_at)
        VALUES (${ctx.workspace.id}, ${object.name}, ${today}, ${q.records}, ${q.score}, ${q.stale},
          ${q.duplicatesWaiting}, ${JSON.stringify(fields)}::jsonb, now())
        ON CONFLICT (workspace_id, object, day) DO UPDATE SET records = excluded.records, score = excluded.score,
          stale = excluded.stale, duplicates_waiting = excluded.duplicates_waiting, fields = excluded.fields,
          taken_at = excluded.taken_at`),
    );
  }
  const [day] = await ctx.db.read((x) => rows<{ day: string }>(x, sql`SELECT ${today}::text AS day`));
  return { day: day.day, objects: objects.map((o) => o.name) };
}

/** An object's daily figures over the last `days` days, and how its score moved against 30 days before. */
export async function qualityTrendOf(
  ctx: RequestContext,
  object: ResolvedObject,
  days: number,
): Promise<QualityTrend> {
  return ctx.db.read(async (x) => {
    const series = await rows<QualitySnapshot>(
      x,
      sql`SELECT day::text AS day, records, score::float8 AS score, stale, duplicates_waiting AS "duplicatesWaiting",
          fields FROM quality_snapshots
        WHERE workspace_id = ${ctx.workspace.id} AND object = ${object.name} AND day > ${today} - ${days}::int
        ORDER BY day`,
    );
    const latest = series.at(-1);
    const [before] = latest
      ? await rows<{ score: number }>(
          x,
          sql`SELECT score::float8 AS score FROM quality_snapshots
            WHERE workspace_id = ${ctx.workspace.id} AND object = ${object.name} AND day <= ${latest.day}::date - 30
            ORDER BY day DESC LIMIT 1`,
        )
      : [];
    // Fields the caller may not see are left out.
    const data = series.map((s) => ({
      ...s,
      score: Math.round(s.score * 10) / 10,
      fields: s.fields.filter((f) => object.fields.has(f.field)),
    }));
    const scoreChange30Days = latest && before ? Math.round((latest.score - before.score) * 10) / 10 : null;
    return { object: object.name, data, scoreChange30Days };
  });
}

/** Daily, once across all processes: every workspace's snapshot, as its first admin. */
export function defineSnapshotJob(platform: Platform) {
  platform.jobs.define(
    snapshotJob,
    async () => {
      const workspaces = await platform.db.read((x) =>
        rows<{ id: string; admin: string | null }>(
          x,
          sql`SELECT w.id, (SELECT u.id FROM users u WHERE u.workspace_id = w.id AND u.role = 'admin' AND NOT u.disabled
              ORDER BY u.created_at, u.id LIMIT 1) AS admin
            FROM workspaces w ORDER BY w.id`,
        ),
      );
      for (const { id, admin } of workspaces) {
        if (!admin) continue;
        const ctx = await systemContext(platform.db, id, admin);
        const all: ObjectMap = await platform.registry.objects(ctx.db, ctx.workspace, null);
        await takeSnapshots(ctx, [...all.values()]);
      }
    },
    { cron: '41 2 * * *', retryLimit: 3, expireInSeconds: 3600 },
  );
}
