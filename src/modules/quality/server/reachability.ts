import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../server/db/database';
import { draftRecord, type RequestContext, type Subscription } from '../../../server/engine';
import type { ContactQuality, EmailBounce } from '../contract';

/** A contact has "stopped emailing" after at least this many inbound emails and none for `stoppedMonths`. */
const stoppedAfterEmails = 3;
const stoppedMonths = 6;

/**
 * Keeps the bounces the mail capture found for contacts' addresses, in the capture's transaction; the
 * same message captured again adds nothing.
 */
export async function recordEmailBounces(
  tx: Executor,
  workspaceId: string,
  mailId: string,
  at: Date,
  bounces: { contactId: string; address: string; reason: string }[],
) {
  for (const b of bounces)
    await tx.execute(sql`INSERT INTO email_bounces (workspace_id, contact_id, address, at, reason, mail_id)
      VALUES (${workspaceId}, ${b.contactId}, ${b.address}, ${at.toISOString()}, ${b.reason}, ${mailId})
      ON CONFLICT DO NOTHING`);
}

/** Forgets a contact's bounces (their addresses and the servers' reasons): for an erasure. */
export async function forgetEmailBounces(tx: Executor, workspaceId: string, contactId: string) {
  await tx.execute(
    sql`DELETE FROM email_bounces WHERE workspace_id = ${workspaceId} AND contact_id = ${contactId}`,
  );
}

/** Every bounce of a contact's addresses, newest first (for a subject access export). */
export function bouncesOf(tx: Executor, workspaceId: string, contactId: string) {
  return rows<EmailBounce>(
    tx,
    sql`SELECT address, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, reason
      FROM email_bounces WHERE workspace_id = ${workspaceId} AND contact_id = ${contactId}
      ORDER BY email_bounces.at DESC`,
  );
}

/** How reachable a contact is by email: the bounces of their addresses, and whether their emails stopped. */
export async function contactReachability(
  ctx: RequestContext,
  contactId: string,
): Promise<Pick<ContactQuality, 'emailBounces' | 'emailsStopped'>> {
  return ctx.db.read(async (x) => {
    const emailBounces = (await bouncesOf(x, ctx.workspace.id, contactId)).slice(0, 10);
    const [inbound] = await rows<{ n: number; last: string | null; stopped: boolean }>(
      x,
      sql`SELECT count(*)::int AS n,
          to_char(max(l.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last,
          coalesce(max(l.at) < now() - make_interval(months => ${stoppedMonths}::int), false) AS stopped
        FROM activity_links l JOIN activities a ON a.workspace_id = l.workspace_id AND a.id = l.activity_id
        WHERE l.workspace_id = ${ctx.workspace.id} AND l.object = 'contacts' AND l.record_id = ${contactId}
          AND l.type = 'email' AND a.direction = 'inbound' AND a.deleted_at IS NULL`,
    );
    const emailsStopped =
      inbound.n >= stoppedAfterEmails && inbound.stopped && inbound.last
        ? { inboundEmails: inbound.n, lastInboundAt: inbound.last }
        : null;
    return { emailBounces, emailsStopped };
  });
}

/**
 * Keeps a contact's "Email bounced" (the latest bounce of the address in Email) on every change of the
 * address, and on an update that changes nothing else (the capture's, once it has kept a bounce): the
 * stored field is what lists filter and sort by.
 */
export const emailBouncedSubscription: Subscription = {
  object: 'contacts',
  hooks: {
    async beforeWrite(scope, drafts) {
      if (scope.operation !== 'update' && scope.operation !== 'merge') return;
      const due = drafts.filter(
        (d) => Object.hasOwn(d.changes, 'email') || Object.keys(d.changes).length === 0,
      );
      if (due.length === 0) return;
      const values = due.map((d, i) => {
        const email = draftRecord(d).email;
        return sql`(${i}::int, ${(d.before as { id: string }).id}::uuid, ${typeof email === 'string' ? email.toLowerCase() : null}::text)`;
      });
      const found = await rows<{ i: number; at: string | null }>(
        scope.tx,
        sql`SELECT v.i, to_char(max(b.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
          FROM (VALUES ${sql.join(values, sql`, `)}) AS v(i, id, address)
          LEFT JOIN email_bounces b
            ON b.workspace_id = ${scope.ctx.workspace.id} AND b.contact_id = v.id AND b.address = v.address
          GROUP BY v.i`,
      );
      for (const { i, at } of found) due[i].changes.emailBouncedAt = at;
    },
  },
};
