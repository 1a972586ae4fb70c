import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../server/db/database';
import {
  assertAdmin,
  baseConditions,
  getRecordJson,
  readHistory,
  recordJson,
  tableOf,
  type ObjectMap,
  type RequestContext,
  type ResolvedObject,
} from '../../../server/engine';
import { accountsOfContact } from '../../contacts/server';
import { attachmentsOf } from '../../activities/server';
import { messagesInvolving } from '../../mail/server';
import { bouncesOf } from '../../quality/server';
import { pointersTo } from '../../quality/server';
import { writeAudit } from './audit';
import { consentRows } from './consents';

/** Records of `object` by id, in the API's shape, every field included. */
export async function recordsByIds(ctx: RequestContext, x: Executor, object: ResolvedObject, ids: string[]) {
  if (!ids.length) return [];
  const found = await rows<{ j: string }>(
    x,
    sql`SELECT (${recordJson(object)})::text AS j FROM ${tableOf(object)}
      WHERE ${sql.join([...baseConditions(ctx, object), sql`t.id = ANY(${`{${ids.join(',')}}`}::uuid[])`], sql` AND `)}
      ORDER BY t.id`,
  );
  return found.map((r) => JSON.parse(r.j) as Record<string, unknown>);
}

/** A person's addresses: the contact's email and other emails, lowercase, each once. */
export function addressesOf(contact: Record<string, unknown>): string[] {
  const list = [contact.email, ...(Array.isArray(contact.emails) ? contact.emails : [])];
  return [...new Set(list.filter((a): a is string => typeof a === 'string').map((a) => a.toLowerCase()))];
}

/** Deals that name the contact in their contact roles (a JSON list, not a reference field). */
async function dealsWithRoles(ctx: RequestContext, x: Executor, objects: ObjectMap, contactId: string) {
  const deals = objects.get('deals');
  const roles = deals?.fields.get('contacts');
  if (!deals || !roles) return [];
  const found = await rows<{ id: string }>(
    x,
    sql`SELECT t.id FROM ${tableOf(deals)} WHERE ${sql.join(
      [...baseConditions(ctx, deals), sql`(${roles.expr}) @> ${JSON.stringify([{ contactId }])}::jsonb`],
      sql` AND `,
    )}`,
  );
  return recordsByIds(
    ctx,
    x,
    deals,
    found.map((r) => r.id),
  );
}

/**
 * Everything held about one person, as one JSON document: the contact with every field, its history,
 * every record of any object that refers or links to it (activities, deals, custom objects), the deals
 * that give it a role, its account relationships, its consents, the messages that involve its addresses,
 * the files attached to its activities (with their download links) and the bounces of its addresses.
 * Admins only (they see every record and field); the export is written to the audit log.
 */
export async function subjectAccessExport(ctx: RequestContext, all: ObjectMap, contactId: string) {
  assertAdmin(ctx);
  const contacts = all.get('contacts')!;
  const contact = JSON.parse(await getRecordJson(ctx, contacts, contactId)) as Record<string, unknown>;
  // Read before the transaction: on PGlite a read inside a write would wait for the write to end.
  const accountRelationships = await accountsOfContact(ctx, contactId, all.get('accounts')!);
  return ctx.db.write(async (tx) => {
    const history = await readHistory(tx, ctx.workspace.id, 'contacts', contactId, 10_000);
    const pointers = await pointersTo(ctx, tx, all, 'contacts', [contactId]);
    const byObject = new Map<string, Set<string>>();
    for (const p of pointers) byObject.set(p.object, (byObject.get(p.object) ?? new Set()).add(p.recordId));
    const related: Record<string, Record<string, unknown>[]> = {};
    for (const [name, ids] of byObject) related[name] = await recordsByIds(ctx, tx, all.get(name)!, [...ids]);
    const document = {
      exportedAt: new Date().toISOString(),
      workspace: { id: ctx.workspace.id, name: ctx.workspace.name },
      contact,
      history,
      activities: related.activities ?? [],
      relatedRecords: Object.fromEntries(Object.entries(related).filter(([name]) => name !== 'activities')),
      dealRoles: await dealsWithRoles(ctx, tx, all, contactId),
      accountRelationships,
      consents: await consentRows(ctx, tx, contactId),
      emails: await messagesInvolving(ctx, tx, addressesOf(contact)),
      files: await attachmentsOf(
        tx,
        ctx.workspace.id,
        (related.activities ?? []).map((a) => String(a.id)),
      ),
      emailBounces: await bouncesOf(tx, ctx.workspace.id, contactId),
    };
    await writeAudit(ctx, tx, 'export', contactId, {
      historyEntries: history.length,
      activities: document.activities.length,
      emails: document.emails.length,
      files: document.files.length,
    });
    return document;
  });
}
