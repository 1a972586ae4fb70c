import { sql, type SQL } from 'drizzle-orm';
import { interactionTypes } from '../../activities/contract';

/**
 * When a lead (a contact on alias `t`) was first touched: the earliest conversation with them (call, email,
 * meeting, text…) that was not their own inbound message, at or after capture and not in the future, by anyone.
 * It walks the contact's range of the activity_links index.
 */
export function firstTouchSql(t: SQL = sql`t`): SQL {
  return sql`(SELECT min(al.at) FROM activity_links al
    JOIN activities a ON a.workspace_id = al.workspace_id AND a.id = al.activity_id
    WHERE al.workspace_id = ${t}.workspace_id AND al.object = 'contacts' AND al.record_id = ${t}.id
      AND al.at >= ${t}.created_at AND al.at <= now()
      AND al.type = ANY(${`{${interactionTypes.join(',')}}`}::text[])
      AND a.direction IS DISTINCT FROM 'inbound')`;
}
