import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { rows, type Executor } from '../../../server/db/database';
import { type RequestContext, type ResolvedObject, visibleTo } from '../../../server/engine';
import type { AccountContact } from '../../accounts/contract';
import type { contactAccountInput } from '../contract';

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * Makes `accountId` the contact's current primary account. The relationship with the previous primary
 * account is ended, not deleted, so the account keeps the contact as a past contact.
 */
export async function linkPrimaryAccount(
  ctx: RequestContext,
  tx: Executor,
  contactId: string,
  accountId: string | null,
) {
  const ws = ctx.workspace.id;
  await tx.execute(sql`UPDATE contact_accounts SET ended_at = now(), is_primary = false
    WHERE workspace_id = ${ws} AND contact_id = ${contactId} AND is_primary AND ended_at IS NULL
      AND account_id IS DISTINCT FROM ${accountId}::uuid`);
  if (!accountId) return;
  const open = await rows(
    tx,
    sql`SELECT id FROM contact_accounts
    WHERE workspace_id = ${ws} AND contact_id = ${contactId} AND account_id = ${accountId} AND ended_at IS NULL`,
  );
  if (open.length) {
    await tx.execute(
      sql`UPDATE contact_accounts SET is_primary = true WHERE workspace_id = ${ws} AND contact_id = ${contactId} AND account_id = ${accountId} AND ended_at IS NULL`,
    );
  } else {
    await tx.execute(sql`INSERT INTO contact_accounts (workspace_id, id, contact_id, account_id, is_primary)
      VALUES (${ws}, ${uuidv7()}, ${contactId}, ${accountId}, true)`);
  }
}

/** The primary links of newly created contacts, in one statement. */
export async function insertPrimaryLinks(
  ctx: RequestContext,
  tx: Executor,
  links: { contactId: string; accountId: string }[],
) {
  if (links.length === 0) return;
  const tuples = links.map(
    (l) =>
      sql`(${ctx.workspace.id}::uuid, ${uuidv7()}::uuid, ${l.contactId}::uuid, ${l.accountId}::uuid, true)`,
  );
  await tx.execute(
    sql`INSERT INTO contact_accounts (workspace_id, id, contact_id, account_id, is_primary) VALUES ${sql.join(tuples, sql`, `)}`,
  );
}

/** Adds (or updates) a secondary relationship with a role; a primary one also sets the contact's accountId. */
export async function relateToAccount(
  ctx: RequestContext,
  tx: Executor,
  contactId: string,
  input: z.infer<typeof contactAccountInput>,
) {
  const ws = ctx.workspace.id;
  const open = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM contact_accounts
    WHERE workspace_id = ${ws} AND contact_id = ${contactId} AND account_id = ${input.accountId} AND ended_at IS NULL`,
  );
  if (open.length) {
    await tx.execute(
      sql`UPDATE contact_accounts SET role = ${input.role ?? null} WHERE workspace_id = ${ws} AND id = ${open[0].id}`,
    );
  } else {
    await tx.execute(sql`INSERT INTO contact_accounts (workspace_id, id, contact_id, account_id, role, is_primary)
      VALUES (${ws}, ${uuidv7()}, ${contactId}, ${input.accountId}, ${input.role ?? null}, false)`);
  }
}

/** An account's people: current before past, primary first, then by name; only contacts the caller may see. */
export async function accountContacts(
  ctx: RequestContext,
  accountId: string,
  contactsObject: ResolvedObject,
): Promise<AccountContact[]> {
  const ws = ctx.workspace.id;
  // A field hidden from the caller's role reads as null here too.
  const seen = (field: string) => contactsObject.fields.get(field)?.expr ?? sql`NULL`;
  const found = await ctx.db.read((x) =>
    rows<AccountContact>(
      x,
      sql`SELECT t.id AS "contactId", ${seen('firstName')} AS "firstName", ${seen('lastName')} AS "lastName",
          ${seen('title')} AS title, ${seen('email')} AS email, ${seen('phone')} AS phone,
          r.role, r.is_primary AS "isPrimary", ${iso('r.started_at')} AS "startedAt", ${iso('r.ended_at')} AS "endedAt",
          (SELECT count(*) FROM contact_accounts o
            WHERE o.workspace_id = r.workspace_id AND o.contact_id = r.contact_id
              AND o.account_id <> r.account_id AND o.ended_at IS NULL)::int AS "otherCompanies"
        FROM contact_accounts r
        JOIN contacts t ON t.workspace_id = r.workspace_id AND t.id = r.contact_id
        WHERE r.workspace_id = ${ws} AND r.account_id = ${accountId} AND t.deleted_at IS NULL
          AND ${visibleTo(ctx, contactsObject)}
        ORDER BY (r.ended_at IS NULL) DESC, r.is_primary DESC, t.last_name, t.first_name, t.id
        LIMIT 1000`,
    ),
  );
  return found;
}

/** A contact's accounts with roles, past ones too; only accounts the caller may see. */
export async function contactAccounts(
  ctx: RequestContext,
  contactId: string,
  accountsObject: ResolvedObject,
) {
  const ws = ctx.workspace.id;
  return ctx.db.read((x) =>
    rows(
      x,
      sql`SELECT r.account_id AS "accountId", t.name AS "accountName", r.role, r.is_primary AS "isPrimary",
          ${iso('r.started_at')} AS "startedAt", ${iso('r.ended_at')} AS "endedAt"
        FROM contact_accounts r
        JOIN accounts t ON t.workspace_id = r.workspace_id AND t.id = r.account_id
        WHERE r.workspace_id = ${ws} AND r.contact_id = ${contactId} AND t.deleted_at IS NULL
          AND ${visibleTo(ctx, accountsObject)}
        ORDER BY (r.ended_at IS NULL) DESC, r.is_primary DESC, r.started_at DESC`,
    ),
  );
}
