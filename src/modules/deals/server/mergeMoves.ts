import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { MergeMove } from '../../../server/platform';
import type { DealContact } from '../contract';

interface Before {
  id: string;
  contacts: DealContact[];
}

const idList = (ids: string[]) => `{${ids.join(',')}}`;

/** The contact roles of a deal pass from merged contacts to the survivor (each contact once, first role kept). */
export const dealContactRolesMove: MergeMove = {
  object: 'contacts',
  name: 'deal contact roles',
  async move({ ctx, tx, records }, from, to) {
    const before = await rows<Before>(
      tx,
      sql`SELECT id, contacts FROM deals WHERE workspace_id = ${ctx.workspace.id} AND deleted_at IS NULL
        AND (${sql.join(
          from.map((id) => sql`contacts @> ${JSON.stringify([{ contactId: id }])}::jsonb`),
          sql` OR `,
        )})`,
    );
    const merged = new Set(from);
    const requests = before.map((deal, i) => {
      const seen = new Set<string>();
      const contacts = deal.contacts
        .map((c) => (merged.has(c.contactId) ? { ...c, contactId: to } : c))
        .filter((c) => !seen.has(c.contactId) && seen.add(c.contactId));
      return { id: deal.id, body: { contacts }, path: `update.${i}` };
    });
    for (let i = 0; i < requests.length; i += 500)
      await records.update('deals', requests.slice(i, i + 500), 'merge');
    return { count: before.length, undo: before };
  },
  async undo({ ctx, tx, records }, undo) {
    const before = undo as Before[];
    if (!before.length) return;
    // A deal put in the recycle bin since the merge is left there as it is.
    const live = new Set(
      (
        await rows<{ id: string }>(
          tx,
          sql`SELECT id FROM deals WHERE workspace_id = ${ctx.workspace.id} AND deleted_at IS NULL
            AND id = ANY(${idList(before.map((d) => d.id))}::uuid[])`,
        )
      ).map((d) => d.id),
    );
    const requests = before
      .filter((d) => live.has(d.id))
      .map((d, i) => ({ id: d.id, body: { contacts: d.contacts }, path: `update.${i}` }));
    for (let i = 0; i < requests.length; i += 500)
      await records.update('deals', requests.slice(i, i + 500), 'merge');
  },
};
