import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { ChangeOrigin } from '../../../server/platform';
import type { MailAddress, MailPrivacy } from '../contract';
import { visibleSubject } from './capture';

/** The history `sourceRef` of changes taken from a captured message (a contact made from its sender). */
export const messageRef = (messageId: string) => `mail_messages/${messageId}`;

/** A captured message as provenance names it: its subject as its source's privacy allows, sender and day. */
export const messageOrigin: ChangeOrigin = {
  kind: 'mail_messages',
  async describe(ctx, x, id) {
    const [m] = await rows<{
      subject: string | null;
      from: MailAddress | null;
      privacy: MailPrivacy;
      day: string;
      activity_id: string | null;
    }>(
      x,
      sql`SELECT subject, from_address AS "from", privacy, activity_id,
          to_char(coalesce(sent_at, received_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
        FROM mail_messages WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`,
    );
    if (!m) return undefined;
    const subject = visibleSubject(m, m.privacy);
    return {
      label: `the email “${subject}” from ${m.from?.address ?? 'an unknown sender'} of ${m.day}`,
      ...(m.activity_id ? { activityId: m.activity_id } : {}),
    };
  },
};
