import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { Platform } from '../../../server/platform';
import { systemContext } from '../../../server/seed/context';
import { writeAudit } from './audit';
import { eraseContact } from './erasure';
import { candidatesSql } from './retention';

export const retentionJob = 'privacy.retention';
/** Contacts handled per transaction. */
const batch = 200;

/**
 * Applies a workspace's retention rule once: every contact past the period is flagged (and, with the
 * `erase` action, erased, each in its own transaction), flags of contacts touched since are lifted.
 * Idempotent: a flagged contact is not flagged again, an erased one is no longer a candidate.
 */
export async function applyRetention(platform: Platform, workspaceId: string) {
  const [rule] = await platform.db.read((x) =>
    rows<{ years: number | null; action: 'flag' | 'erase'; admin: string | null }>(
      x,
      sql`SELECT s.retention_years AS years, s.retention_action AS action,
          (SELECT u.id FROM users u WHERE u.workspace_id = s.workspace_id AND u.role = 'admin' AND NOT u.disabled
            ORDER BY u.created_at, u.id LIMIT 1) AS admin
        FROM privacy_settings s WHERE s.workspace_id = ${workspaceId}`,
    ),
  );
  if (!rule?.years || !rule.admin) return { flagged: 0, erased: 0 };
  const years = rule.years;
  const cutoff = sql`now() - make_interval(years => ${years}::int)`;
  const ctx = await systemContext(platform.db, workspaceId, rule.admin);
  ctx.actor = { type: 'system', id: null, name: 'Retention rule' };
  const all = await platform.registry.objects(ctx.db, ctx.workspace, null);
  let flagged = 0;
  let erased = 0;
  let after: [string, string] | null = null;
  const failed: string[] = [];
  for (;;) {
    const page = await platform.db.read((x) =>
      rows<{ contactId: string; name: string; cursorAt: string; flaggedAt: string | null }>(
        x,
        candidatesSql(workspaceId, years, batch, after),
      ),
    );
    const fresh = page.filter((c) => !c.flaggedAt);
    if (fresh.length)
      await platform.db.write(async (tx) => {
        for (const c of fresh) {
          await tx.execute(sql`INSERT INTO retention_flags (workspace_id, contact_id) VALUES (${workspaceId}, ${c.contactId})
            ON CONFLICT DO NOTHING`);
          await writeAudit(ctx, tx, 'retention', c.contactId, { flagged: true, retentionYears: years });
        }
      });
    flagged += fresh.length;
    if (rule.action === 'erase')
      for (const c of page) {
        await eraseContact(ctx, all, platform.files, c.contactId, c.contactId).then(
          () => erased++,
          (error: unknown) =>
            failed.push(`${c.contactId}: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    if (page.length < batch) break;
    after = [page[page.length - 1].cursorAt, page[page.length - 1].contactId];
  }
  await platform.db.write((tx) =>
    tx.execute(sql`DELETE FROM retention_flags f USING contacts c
      WHERE f.workspace_id = ${workspaceId} AND c.workspace_id = f.workspace_id AND c.id = f.contact_id
        AND (c.updated_at >= ${cutoff} OR EXISTS (SELECT 1 FROM activity_links l WHERE l.workspace_id = c.workspace_id
          AND l.object = 'contacts' AND l.record_id = c.id AND l.at >= ${cutoff}))`),
  );
  if (failed.length) throw new Error(`Retention could not erase: ${failed.join('; ')}`);
  return { flagged, erased };
}

/** Daily, once across all processes: every workspace's retention rule. */
export function defineRetentionJob(platform: Platform) {
  platform.jobs.define(
    retentionJob,
    async () => {
      const workspaces = await platform.db.read((x) =>
        rows<{ id: string }>(
          x,
          sql`SELECT workspace_id AS id FROM privacy_settings WHERE retention_years IS NOT NULL ORDER BY 1`,
        ),
      );
      for (const w of workspaces) await applyRetention(platform, w.id);
    },
    { cron: '23 3 * * *', retryLimit: 3, expireInSeconds: 3600 },
  );
}
