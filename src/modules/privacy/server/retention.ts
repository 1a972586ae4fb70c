import { sql } from 'drizzle-orm';
import { ValidationFailed } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import { assertAdmin, type RequestContext } from '../../../server/engine';
import type { PrivacySettings, RetentionCandidate } from '../contract';
import { iso, writeAudit } from './audit';

export async function readPrivacySettings(ctx: RequestContext, x?: Executor): Promise<PrivacySettings> {
  const query = (e: Executor) =>
    rows<PrivacySettings>(
      e,
      sql`SELECT retention_years AS "retentionYears", retention_action AS "retentionAction"
        FROM privacy_settings WHERE workspace_id = ${ctx.workspace.id}`,
    );
  const [found] = x ? await query(x) : await ctx.db.read(query);
  return found ?? { retentionYears: null, retentionAction: 'flag' };
}

/** Sets the retention rule (admins); the change is written to the audit log. */
export async function writePrivacySettings(ctx: RequestContext, input: Partial<PrivacySettings>) {
  assertAdmin(ctx);
  const next = { ...(await readPrivacySettings(ctx)), ...input };
  await ctx.db.write(async (tx) => {
    await tx.execute(
      sql`INSERT INTO privacy_settings (workspace_id, retention_years, retention_action)
        VALUES (${ctx.workspace.id}, ${next.retentionYears}, ${next.retentionAction})
        ON CONFLICT (workspace_id) DO UPDATE SET retention_years = excluded.retention_years,
          retention_action = excluded.retention_action`,
    );
    await writeAudit(ctx, tx, 'retention', null, { settings: next });
  });
  return next;
}

type Cursor = [string, string];

function cursorOf(text: string | undefined): Cursor | null {
  if (text === undefined) return null;
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString()) as unknown;
    if (
      Array.isArray(value) &&
      typeof value[0] === 'string' &&
      /^[\d\-: .T+Z]{10,40}$/.test(value[0]) &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(value[1])
    )
      return value as Cursor;
  } catch {
    // answered below
  }
  throw new ValidationFailed('The cursor is not one this list gave', [
    { path: 'cursor', message: 'is not valid' },
  ]);
}

/**
 * Contacts not changed and with no activity (on their timeline) for `years` years, erased ones aside,
 * oldest change first. Served by the contacts' updated index and the activity links' record index.
 */
export function candidatesSql(workspaceId: string, years: number, limit: number, after: Cursor | null) {
  const cutoff = sql`now() - make_interval(years => ${years}::int)`;
  return sql`SELECT c.id AS "contactId", concat_ws(' ', c.first_name, c.last_name) AS name,
      ${iso('c.updated_at')} AS "updatedAt", c.updated_at::text AS "cursorAt",
      (SELECT ${iso('max(l.at)')} FROM activity_links l WHERE l.workspace_id = c.workspace_id
        AND l.object = 'contacts' AND l.record_id = c.id) AS "lastActivityAt",
      ${iso('f.flagged_at')} AS "flaggedAt"
    FROM contacts c
    LEFT JOIN retention_flags f ON f.workspace_id = c.workspace_id AND f.contact_id = c.id
    WHERE c.workspace_id = ${workspaceId} AND c.deleted_at IS NULL AND c.updated_at < ${cutoff}
      ${after ? sql`AND (c.updated_at, c.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
      AND NOT EXISTS (SELECT 1 FROM activity_links l WHERE l.workspace_id = c.workspace_id
        AND l.object = 'contacts' AND l.record_id = c.id AND l.at >= ${cutoff})
      AND NOT EXISTS (SELECT 1 FROM privacy_audit a WHERE a.workspace_id = c.workspace_id
        AND a.contact_id = c.id AND a.action = 'erase')
    ORDER BY c.updated_at, c.id LIMIT ${limit}`;
}

type CandidateRow = RetentionCandidate & { cursorAt: string };

/** One page of the contacts the retention rule applies to (empty while no rule is set). */
export async function retentionList(ctx: RequestContext, limit: number, cursor?: string) {
  assertAdmin(ctx);
  const after = cursorOf(cursor);
  const { retentionYears } = await readPrivacySettings(ctx);
  if (retentionYears === null) return { retentionYears, data: [], nextCursor: null };
  const found = await ctx.db.read((x) =>
    rows<CandidateRow>(x, candidatesSql(ctx.workspace.id, retentionYears, limit + 1, after)),
  );
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    retentionYears,
    data: page.map(({ cursorAt: _, ...candidate }) => candidate),
    nextCursor:
      found.length > limit
        ? Buffer.from(JSON.stringify([last.cursorAt, last.contactId])).toString('base64url')
        : null,
  };
}
