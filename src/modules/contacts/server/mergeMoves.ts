import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { MergeMove } from '../../../server/platform';

interface Moved {
  id: string;
  owner: string;
  is_primary: boolean;
}

/**
 * A merge of contacts (or accounts) moves the merged records' account relationships to the survivor.
 * A merged contact's primary relationship becomes one of the survivor's others: its own account stays primary.
 */
function relationshipMove(object: 'contacts' | 'accounts'): MergeMove {
  const column = sql.raw(object === 'contacts' ? 'contact_id' : 'account_id');
  return {
    object,
    name: 'account relationships',
    async move({ ctx, tx }, from, to) {
      const ws = ctx.workspace.id;
      const moved = await rows<Moved>(
        tx,
        sql`SELECT id, ${column} AS owner, is_primary FROM contact_accounts
          WHERE workspace_id = ${ws} AND ${column} = ANY(${`{${from.join(',')}}`}::uuid[]) FOR UPDATE`,
      );
      if (moved.length)
        await tx.execute(
          sql`UPDATE contact_accounts SET ${column} = ${to}
            ${object === 'contacts' ? sql`, is_primary = false` : sql``}
            WHERE workspace_id = ${ws} AND id = ANY(${`{${moved.map((m) => m.id).join(',')}}`}::uuid[])`,
        );
      return { count: moved.length, undo: moved };
    },
    async undo({ ctx, tx }, undo) {
      const moved = undo as Moved[];
      if (!moved.length) return;
      await tx.execute(
        sql`UPDATE contact_accounts c SET ${column} = u.owner, is_primary = u.is_primary
          FROM jsonb_to_recordset(${JSON.stringify(moved)}::jsonb) AS u(id uuid, owner uuid, is_primary boolean)
          WHERE c.workspace_id = ${ctx.workspace.id} AND c.id = u.id`,
      );
    },
  };
}

export const contactMergeMoves = [relationshipMove('contacts'), relationshipMove('accounts')];
