import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../server/db/database';
import type { Subscription, WrittenRecord } from '../../../server/engine';

/** A record an activity can be linked to. */
export interface RecordRef {
  object: string;
  id: string;
}

/** The records whose first touch prospect to payment asks for. */
const touched = ['accounts', 'contacts', 'deals'];
/** A literal, not a parameter, so that the planner uses record_history's partial index of these changes. */
const lifecycleChanged = sql.raw(`h.changes @> '[{"field": "lifecycleStage"}]'::jsonb`);
const uuids = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * Works out again the first touch of `refs` (earliest activity link or lifecycle change, one probe of
 * each index per record), then the people's first touch of the accounts concerned: theirs, and those
 * of the contacts' accounts.
 */
export async function retouch(tx: Executor, workspaceId: string, refs: RecordRef[]): Promise<void> {
  const kept = refs.filter((r) => touched.includes(r.object));
  if (kept.length === 0) return;
  await tx.execute(sql`INSERT INTO first_touches (workspace_id, object, record_id, at)
    SELECT ${workspaceId}::uuid, r.object, r.id, least(
        (SELECT min(l.at) FROM activity_links l
          WHERE l.workspace_id = ${workspaceId} AND l.object = r.object AND l.record_id = r.id),
        (SELECT min(h.at) FROM record_history h
          WHERE r.object <> 'deals' AND h.workspace_id = ${workspaceId} AND h.object = r.object
            AND h.record_id = r.id AND ${lifecycleChanged}))
    FROM (SELECT DISTINCT * FROM unnest(${`{${kept.map((r) => r.object).join(',')}}`}::text[],
      ${uuids(kept.map((r) => r.id))}::uuid[])) r(object, id)
    ORDER BY 2, 3
    ON CONFLICT (workspace_id, object, record_id) DO UPDATE SET at = excluded.at`);
  const of = (object: string) => kept.filter((r) => r.object === object).map((r) => r.id);
  const contacts = of('contacts');
  await refreshAccounts(
    tx,
    workspaceId,
    sql`SELECT unnest(${uuids(of('accounts'))}::uuid[]) UNION SELECT c.account_id FROM contacts c
      WHERE c.workspace_id = ${workspaceId} AND c.id = ANY(${uuids(contacts)}::uuid[]) AND c.account_id IS NOT NULL`,
  );
  // The live deals that name one of the contacts (through deals_contacts_idx), and the deals themselves.
  const naming = contacts.map((id) => sql`d.contacts @> ${JSON.stringify([{ contactId: id }])}::jsonb`);
  await refreshDeals(
    tx,
    workspaceId,
    naming.length
      ? sql`SELECT unnest(${uuids(of('deals'))}::uuid[]) UNION SELECT d.id FROM deals d
          WHERE d.workspace_id = ${workspaceId} AND d.deleted_at IS NULL AND (${sql.join(naming, sql` OR `)})`
      : sql`SELECT unnest(${uuids(of('deals'))}::uuid[])`,
  );
}

/**
 * `people_at` of the records `ids` selects: the earliest of their own first touch and their people's,
 * `people` giving the earliest first touch of the people of record `r`.
 */
async function refreshPeople(tx: Executor, workspaceId: string, object: string, ids: SQL, people: SQL) {
  await tx.execute(sql`INSERT INTO first_touches (workspace_id, object, record_id, at, people_at)
    SELECT ${workspaceId}::uuid, ${object}, r.id, own.at, least(own.at, (${people}))
    FROM (SELECT DISTINCT id FROM (${ids}) s(id) WHERE id IS NOT NULL) r
      LEFT JOIN first_touches own ON own.workspace_id = ${workspaceId} AND own.object = ${object} AND own.record_id = r.id
    ORDER BY r.id
    ON CONFLICT (workspace_id, object, record_id) DO UPDATE SET people_at = excluded.people_at`);
}

/** An account's people are its live contacts. */
const refreshAccounts = (tx: Executor, workspaceId: string, ids: SQL) =>
  refreshPeople(
    tx,
    workspaceId,
    'accounts',
    ids,
    sql`SELECT min(f.at) FROM contacts c JOIN first_touches f
      ON f.workspace_id = c.workspace_id AND f.object = 'contacts' AND f.record_id = c.id
    WHERE c.workspace_id = ${workspaceId} AND c.account_id = r.id AND c.deleted_at IS NULL`,
  );

/** A live deal's people are the contacts it names; a binned deal keeps none. */
const refreshDeals = (tx: Executor, workspaceId: string, ids: SQL) =>
  refreshPeople(
    tx,
    workspaceId,
    'deals',
    ids,
    sql`SELECT min(f.at) FROM deals d CROSS JOIN LATERAL jsonb_array_elements(coalesce(d.contacts, '[]'::jsonb)) dc
      JOIN first_touches f ON f.workspace_id = d.workspace_id AND f.object = 'contacts' AND f.record_id = (dc->>'contactId')::uuid
    WHERE d.workspace_id = ${workspaceId} AND d.id = r.id AND d.deleted_at IS NULL`,
  );

/**
 * Every first touch again, for one workspace or all, in three set-wide statements: after activity
 * links or history were written outside the write path (demo data, generated bench data, tests that
 * date history by hand, the migration that made the table).
 */
export async function rebuildFirstTouches(x: Executor, workspaceId?: string): Promise<void> {
  const ws = (alias: string) =>
    workspaceId ? sql`${sql.raw(alias)}.workspace_id = ${workspaceId}` : sql`TRUE`;
  await x.execute(sql`DELETE FROM first_touches f WHERE ${ws('f')}`);
  await x.execute(sql`INSERT INTO first_touches (workspace_id, object, record_id, at)
    SELECT workspace_id, object, record_id, min(at) FROM (
      SELECT l.workspace_id, l.object, l.record_id, l.at FROM activity_links l
        WHERE ${ws('l')} AND l.object IN ('accounts', 'contacts', 'deals')
      UNION ALL
      SELECT h.workspace_id, h.object, h.record_id, h.at FROM record_history h
        WHERE ${ws('h')} AND h.object IN ('accounts', 'contacts') AND ${lifecycleChanged}) s
    GROUP BY 1, 2, 3`);
  await x.execute(sql`INSERT INTO first_touches (workspace_id, object, record_id, people_at)
    SELECT c.workspace_id, 'accounts', c.account_id, min(f.at) FROM contacts c JOIN first_touches f
      ON f.workspace_id = c.workspace_id AND f.object = 'contacts' AND f.record_id = c.id
    WHERE ${ws('c')} AND c.account_id IS NOT NULL AND c.deleted_at IS NULL
    GROUP BY 1, 3
    ON CONFLICT (workspace_id, object, record_id) DO UPDATE SET people_at = excluded.people_at`);
  await x.execute(sql`INSERT INTO first_touches (workspace_id, object, record_id, people_at)
    SELECT d.workspace_id, 'deals', d.id, min(f.at) FROM deals d CROSS JOIN LATERAL jsonb_array_elements(d.contacts) dc
      JOIN first_touches f ON f.workspace_id = d.workspace_id AND f.object = 'contacts' AND f.record_id = (dc->>'contactId')::uuid
    WHERE ${ws('d')} AND d.deleted_at IS NULL AND jsonb_typeof(d.contacts) = 'array'
    GROUP BY 1, 3
    ON CONFLICT (workspace_id, object, record_id) DO UPDATE SET people_at = excluded.people_at`);
  await x.execute(
    sql`UPDATE first_touches f SET people_at = least(f.at, f.people_at) WHERE ${ws('f')} AND f.object IN ('accounts', 'deals')`,
  );
}

const changedAny = (w: WrittenRecord, fields: string[]) => fields.some((f) => w.changed.includes(f));

const idsOf = (values: unknown[]) => uuids(values.filter((id): id is string => typeof id === 'string'));

/** A record whose lifecycle stage changes (or is set as it is created) may have been touched earlier than known. */
const stageChanges = (object: 'accounts' | 'contacts'): Subscription => ({
  object,
  hooks: {
    async afterWrite({ ctx, tx }, written) {
      const refs = written
        .filter((w) => changedAny(w, ['lifecycleStage']))
        .map((w) => ({ object, id: w.id }));
      await retouch(tx, ctx.workspace.id, refs);
      if (object !== 'contacts') return;
      // A person joining, leaving, binned or brought back changes their accounts' people.
      const moved = written.filter((w) => w.before && changedAny(w, ['accountId', 'deletedAt']));
      const accounts = moved.flatMap((w) => [w.before?.accountId, w.after.accountId]);
      if (accounts.some(Boolean))
        await refreshAccounts(tx, ctx.workspace.id, sql`SELECT unnest(${idsOf(accounts)}::uuid[])`);
    },
  },
});

/** A deal naming other contacts, binned or brought back, changes its people. */
const dealPeople: Subscription = {
  object: 'deals',
  hooks: {
    async afterWrite({ ctx, tx }, written) {
      const changed = written.filter((w) => changedAny(w, ['contacts', 'deletedAt'])).map((w) => w.id);
      if (changed.length)
        await refreshDeals(tx, ctx.workspace.id, sql`SELECT unnest(${idsOf(changed)}::uuid[])`);
    },
  },
};

export const firstTouchSubscriptions: Subscription[] = [
  stageChanges('accounts'),
  stageChanges('contacts'),
  dealPeople,
];
