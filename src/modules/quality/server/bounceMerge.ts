import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { Records } from '../../../server/engine';
import type { MergeMove } from '../../../server/platform';

interface Moved {
  from_id: string;
  mail_id: string;
}

/** An update that changes nothing else brings the contact's "Email bounced" up to date with its bounces. */
const touch = (records: Records, id: string) =>
  records.update('contacts', [{ id, body: {}, path: '' }], 'merge');

/**
 * A merged contact's email bounces pass to the survivor, so the survivor shows that the address
 * bounced (its "Email bounced" too, when the address is its own); a bounce the survivor already has
 * from the same message stays where it was. Undo moves back exactly the rows that moved.
 */
export const emailBouncesMove: MergeMove = {
  object: 'contacts',
  name: 'email bounces',
  async move({ ctx, tx, records }, from, to) {
    const ws = ctx.workspace.id;
    const moved = await rows<Moved>(
      tx,
      sql`WITH moving AS (
          SELECT DISTINCT ON (b.mail_id) b.contact_id, b.mail_id FROM email_bounces b
          WHERE b.workspace_id = ${ws} AND b.contact_id = ANY(${`{${from.join(',')}}`}::uuid[])
            AND NOT EXISTS (SELECT 1 FROM email_bounces s
              WHERE s.workspace_id = ${ws} AND s.contact_id = ${to} AND s.mail_id = b.mail_id)
          ORDER BY b.mail_id, b.contact_id)
        UPDATE email_bounces b SET contact_id = ${to} FROM moving m
        WHERE b.workspace_id = ${ws} AND b.contact_id = m.contact_id AND b.mail_id = m.mail_id
        RETURNING m.contact_id AS from_id, m.mail_id`,
    );
    if (moved.length) await touch(records, to);
    return { count: moved.length, undo: { to, moved } };
  },
  async undo({ ctx, tx, records }, undo) {
    const { to, moved } = undo as { to: string; moved: Moved[] };
    for (const row of moved)
      await tx.execute(sql`UPDATE email_bounces SET contact_id = ${row.from_id}
        WHERE workspace_id = ${ctx.workspace.id} AND contact_id = ${to} AND mail_id = ${row.mail_id}`);
    if (moved.length) await touch(records, to);
  },
};
