import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows } from '../../../server/db/database';
import type { RecordEvent } from '../../../server/events/outbox';
import type { Platform } from '../../../server/platform';
import { systemContext } from '../../../server/seed/context';
import { sendNotice } from '../../mail/server';

export const approvalNoticesSubscriber = 'quotes.approval-notices';

interface Notice {
  userId: string;
  email: string;
  title: string;
  key: string;
}

/**
 * Who hears of each approval step of a quote: a request goes to the workspace's managers and admins
 * (the requester aside), a decision to whoever asked. Nobody hears of their own step. One notice per step and person, by its key.
 */
async function noticesOf(platform: Platform, workspaceId: string, quoteId: string) {
  return platform.db.read((x) =>
    rows<Notice>(
      x,
      sql`WITH steps AS (
          SELECT a.id, a.decision, a.comment, a.actor_id, a.actor_name, a.max_discount_percent::float8::text AS discount,
            (SELECT r.actor_id FROM quote_approvals r WHERE r.workspace_id = a.workspace_id AND r.quote_id = a.quote_id
               AND r.decision = 'requested' AND (r.at, r.id) < (a.at, a.id) ORDER BY r.at DESC, r.id DESC LIMIT 1) AS requester
          FROM quote_approvals a WHERE a.workspace_id = ${workspaceId} AND a.quote_id = ${quoteId})
        SELECT u.id AS "userId", u.email, 'quote-approval:' || s.id || ':' || u.id AS key,
          CASE s.decision
            WHEN 'requested' THEN s.actor_name || ' asks for your approval of ' || q.title || ' (a ' || s.discount || '% discount)'
            WHEN 'approved' THEN s.actor_name || ' approved ' || q.title
            ELSE s.actor_name || ' rejected ' || q.title END
            || coalesce(': ' || s.comment, '') AS title
        FROM steps s
        JOIN quotes q ON q.workspace_id = ${workspaceId} AND q.id = ${quoteId}
        JOIN users u ON u.workspace_id = ${workspaceId} AND NOT u.disabled AND u.id IS DISTINCT FROM s.actor_id
          AND CASE WHEN s.decision = 'requested' THEN u.role IN ('manager', 'admin') ELSE u.id = s.requester END`,
    ),
  );
}

/**
 * Runs on the job queue for each committed change of a quote's status: writes the in-app notices of
 * its approval steps that are not written yet (exactly once, by key) and emails those people when the
 * workspace has an SMTP server. A retry after the notices were written sends no second email.
 */
export async function deliverApprovalNotices(platform: Platform, event: RecordEvent) {
  if (!event.fields.includes('status')) return;
  const found = await noticesOf(platform, event.workspaceId, event.recordId);
  if (found.length === 0) return;
  const fresh = await platform.db.write(async (tx) => {
    const written: Notice[] = [];
    for (const n of found) {
      const inserted = await rows(
        tx,
        sql`INSERT INTO notifications (workspace_id, id, user_id, kind, title, dedupe_key)
          VALUES (${event.workspaceId}, ${uuidv7()}, ${n.userId}, 'quoteApproval', ${n.title.slice(0, 500)}, ${n.key})
          ON CONFLICT (workspace_id, dedupe_key) DO NOTHING RETURNING id`,
      );
      if (inserted.length) written.push(n);
    }
    return written;
  });
  if (fresh.length === 0) return;
  const ctx = await systemContext(platform.db, event.workspaceId, fresh[0].userId);
  for (const n of fresh)
    await sendNotice(platform, ctx.workspace.id, {
      to: [n.email],
      subject: n.title.slice(0, 200),
      text: `${n.title}\n`,
    });
}
