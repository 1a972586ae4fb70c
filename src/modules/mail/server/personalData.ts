import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';

const lowered = (addresses: string[]) =>
  `{${addresses.map((a) => JSON.stringify(a.toLowerCase())).join(',')}}`;

/** Messages whose sender or recipients include one of `addresses` (a scan of the workspace's messages). */
function involving(addresses: string[]): SQL {
  return sql`EXISTS (SELECT 1 FROM jsonb_array_elements(
      m.to_addresses || m.cc_addresses || CASE WHEN m.from_address IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(m.from_address) END
    ) e WHERE lower(e->>'address') = ANY(${lowered(addresses)}::text[]))`;
}

/** Every captured or sent message that involves one of a person's addresses, for a subject access export. */
export async function messagesInvolving(ctx: RequestContext, x: Executor, addresses: string[]) {
  if (!addresses.length) return [];
  return rows(
    x,
    sql`SELECT m.id, m.message_id AS "messageId", m.direction, m.source, m.from_address AS "from",
        m.to_addresses AS "to", m.cc_addresses AS "cc", m.subject, m.body_text AS "text", m.body_html AS "html",
        m.sent_at AS "sentAt", m.received_at AS "receivedAt", m.status, m.activity_id AS "activityId"
      FROM mail_messages m
      WHERE m.workspace_id = ${ctx.workspace.id} AND ${involving(addresses)}
      ORDER BY m.received_at, m.id LIMIT 10000`,
  );
}

/**
 * Erases a person from captured messages: their addresses become `erased` in every message that
 * involves them, and the subject, body and attached files go from those whose activity was erased
 * (`erasedActivities`) or that never became one. Answers how many messages were touched, and the
 * storage keys of files no message uses any more, for the caller to remove once it has committed.
 */
export async function eraseFromMessages(
  ctx: RequestContext,
  tx: Executor,
  addresses: string[],
  erasedActivities: string[],
): Promise<{ messages: number; storageKeys: string[] }> {
  if (!addresses.length) return { messages: 0, storageKeys: [] };
  const list = lowered(addresses);
  const scrub = (column: string) =>
    sql`(SELECT coalesce(jsonb_agg(CASE WHEN lower(e->>'address') = ANY(${list}::text[])
        THEN jsonb_build_object('address', 'erased', 'name', '') ELSE e END), '[]'::jsonb)
      FROM jsonb_array_elements(${sql.raw(column)}) e)`;
  const eraseText = sql`(m.activity_id IS NULL OR m.activity_id = ANY(${`{${erasedActivities.join(',')}}`}::uuid[]))`;
  const changed = await rows<{ id: string; scrubbed: boolean }>(
    tx,
    sql`UPDATE mail_messages m SET
        to_addresses = ${scrub('m.to_addresses')},
        cc_addresses = ${scrub('m.cc_addresses')},
        from_address = CASE WHEN lower(m.from_address->>'address') = ANY(${list}::text[])
          THEN jsonb_build_object('address', 'erased', 'name', '') ELSE m.from_address END,
        subject = CASE WHEN ${eraseText} THEN NULL ELSE m.subject END,
        body_text = CASE WHEN ${eraseText} THEN NULL ELSE m.body_text END,
        body_html = CASE WHEN ${eraseText} THEN NULL ELSE m.body_html END
      WHERE m.workspace_id = ${ctx.workspace.id} AND ${involving(addresses)}
      RETURNING m.id, ${eraseText} AS scrubbed`,
  );
  const scrubbed = changed.filter((m) => m.scrubbed).map((m) => m.id);
  return { messages: changed.length, storageKeys: await forgetFiles(tx, ctx.workspace.id, scrubbed) };
}

/** Deletes the messages' files; answers the storage keys no other message shares (files are kept by content). */
async function forgetFiles(tx: Executor, workspaceId: string, mailIds: string[]) {
  if (!mailIds.length) return [];
  const removed = await rows<{ storageKey: string }>(
    tx,
    sql`WITH gone AS (DELETE FROM mail_attachments WHERE workspace_id = ${workspaceId}
        AND mail_id = ANY(${`{${mailIds.join(',')}}`}::uuid[]) RETURNING storage_key)
      SELECT DISTINCT g.storage_key AS "storageKey" FROM gone g
      WHERE NOT EXISTS (SELECT 1 FROM mail_attachments a WHERE a.workspace_id = ${workspaceId}
        AND a.storage_key = g.storage_key AND NOT a.mail_id = ANY(${`{${mailIds.join(',')}}`}::uuid[]))`,
  );
  return removed.map((r) => r.storageKey);
}
