import { sql } from 'drizzle-orm';
import { NotFound } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { getRecordJson, type RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import type { FileStore } from '../../../server/files/fileStore';

interface AttachmentRow {
  filename: string;
  contentType: string;
  storageKey: string;
  activityId: string | null;
  mailboxOwner: string | null;
  mailboxId: string | null;
}

/**
 * An attachment's bytes for download, to whoever may see its message: the email activity's readers,
 * or (while it waits for review) the team or the mailbox's owner. The type is the sniffed one.
 */
export async function attachmentDownload(
  platform: Platform,
  store: FileStore,
  ctx: RequestContext,
  id: string,
) {
  const [row] = await ctx.db.read((x) =>
    rows<AttachmentRow>(
      x,
      sql`SELECT a.filename, a.content_type AS "contentType", a.storage_key AS "storageKey",
          m.activity_id AS "activityId", m.mailbox_id AS "mailboxId", b.user_id AS "mailboxOwner"
        FROM mail_attachments a
        JOIN mail_messages m ON m.workspace_id = a.workspace_id AND m.id = a.mail_id
        LEFT JOIN mailboxes b ON b.workspace_id = m.workspace_id AND b.id = m.mailbox_id
        WHERE a.workspace_id = ${ctx.workspace.id} AND a.id = ${id}`,
    ),
  );
  if (!row) throw new NotFound(`No attachment with id ${id}`);
  if (row.activityId) {
    const objects = await platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
    await getRecordJson(ctx, objects.get('activities')!, row.activityId);
  } else if (row.mailboxId && row.mailboxOwner !== ctx.userId) {
    throw new NotFound(`No attachment with id ${id}`);
  }
  return {
    filename: row.filename,
    contentType: row.contentType,
    bytes: await store.get(row.storageKey),
  };
}
