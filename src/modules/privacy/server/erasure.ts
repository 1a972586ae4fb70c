import { sql } from 'drizzle-orm';
import { Conflict, ValidationFailed } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import {
  assertAdmin,
  getRecordJson,
  scrubHistoryValues,
  type ObjectMap,
  type RequestContext,
  type ResolvedObject,
  type Values,
  writeTransaction,
} from '../../../server/engine';
import type { Participant } from '../../activities/contract';
import { forgetAttachments } from '../../activities/server';
import { eraseFromMessages } from '../../mail/server';
import type { FileStore } from '../../../server/files/fileStore';
import { forgetContactPhotos } from '../../imports/server';
import { forgetEmailBounces } from '../../quality/server';
import { consentChannels, type ErasureSummary } from '../contract';
import { writeAudit } from './audit';
import { insertConsent } from './consents';
import { addressesOf } from './subjectAccess';

export const erasedName = 'Erased contact';

/** Standard fields that are not personal (references, choices, counts): they keep aggregates adding up. */
const kept = new Set(['reference', 'select', 'multiselect', 'boolean', 'integer', 'number', 'money']);

/** The contact's personal values, as an update: every personal field and every custom field cleared. */
function erasedValues(contacts: ResolvedObject, contact: Record<string, unknown>): Values {
  const values: Values = {};
  for (const field of contacts.fields.values()) {
    if (field.system || field.computed || field.retired || field.spec.readOnly) continue;
    if (!field.custom && kept.has(field.spec.type)) continue;
    const value = contact[field.name];
    if (value === null || value === undefined || (Array.isArray(value) && !value.length)) continue;
    values[field.name] = null;
  }
  values.firstName = null;
  values.lastName = erasedName;
  // A disqualified lead must say why; the reason may name the person, so it is replaced, not kept.
  if (contact.leadStatus === 'disqualified') values.disqualifiedReason = 'Erased';
  return values;
}

export function fullName(contact: Record<string, unknown>): string {
  return [contact.firstName, contact.lastName]
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .join(' ');
}

function checkConfirmation(contact: Record<string, unknown>, confirm: string | undefined) {
  if (!confirm?.trim())
    throw new ValidationFailed('An erasure needs a confirmation: nothing was erased', [
      { path: 'confirm', message: "type the contact's full name or id to confirm" },
    ]);
  const typed = confirm.trim().replace(/\s+/g, ' ').toLowerCase();
  const name = fullName(contact).replace(/\s+/g, ' ').toLowerCase();
  if (typed === String(contact.id) || (name !== '' && typed === name)) return;
  throw new ValidationFailed('The confirmation does not match this contact: nothing was erased', [
    { path: 'confirm', message: "must be the contact's full name or its id" },
  ]);
}

interface LinkedActivity {
  id: string;
  links: { object: string; id: string }[] | null;
  participants: Participant[] | null;
}

/** Activities that link to the contact or name it (or one of its addresses) among their participants. */
async function activitiesOf(
  ctx: RequestContext,
  tx: Executor,
  activities: ResolvedObject,
  contactId: string,
  addresses: string[],
) {
  const links = activities.fields.get('links')!.expr;
  const participants = activities.fields.get('participants')!.expr;
  const byEmail = addresses.length
    ? sql`OR EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(${participants}, '[]'::jsonb)) p
        WHERE lower(p->>'email') = ANY(${`{${addresses.map((a) => JSON.stringify(a)).join(',')}}`}::text[]))`
    : sql``;
  return rows<LinkedActivity>(
    tx,
    sql`SELECT t.id, ${links} AS links, ${participants} AS participants FROM activities t
      WHERE t.workspace_id = ${ctx.workspace.id} AND t.deleted_at IS NULL AND (
        ${links} @> ${JSON.stringify([{ object: 'contacts', id: contactId }])}::jsonb
        OR ${participants} @> ${JSON.stringify([{ contactId }])}::jsonb ${byEmail})
      FOR UPDATE`,
  );
}

/**
 * The activity's changes for the erasure: participants that were the person keep only the contact's id;
 * subject and body go too unless another person (contact or outside address) took part.
 */
function activityErasure(a: LinkedActivity, contactId: string, addresses: Set<string>) {
  const isPerson = (p: Participant) =>
    p.contactId === contactId || (!!p.email && addresses.has(p.email.toLowerCase()));
  const participants = a.participants ?? [];
  const shared =
    (a.links ?? []).some((l) => l.object === 'contacts' && l.id !== contactId) ||
    participants.some((p) => !p.userId && !isPerson(p));
  const cleaned = participants.map((p) =>
    isPerson(p) ? { contactId, ...(p.role ? { role: p.role } : {}) } : p,
  );
  const body: Values = {};
  if (participants.some(isPerson)) body.participants = cleaned;
  if (!shared) Object.assign(body, { subject: null, body: null });
  return { shared, body };
}

/**
 * Erases a person in one transaction; it cannot be undone. The contact stays as an anonymous record
 * (its references, choices, owner and dates keep reports adding up), its history keeps the fields and
 * times but no values, activities about it alone lose subject and body (type, dates, owner stay), its
 * consents become one withdrawal per channel (source `erasure`), captured messages lose its addresses,
 * and the files of the erased activities and messages are deleted (from the store once it commits).
 */
export async function eraseContact(
  ctx: RequestContext,
  all: ObjectMap,
  files: FileStore,
  contactId: string,
  confirm: string | undefined,
): Promise<ErasureSummary> {
  assertAdmin(ctx);
  const contacts = all.get('contacts')!;
  const contact = JSON.parse(await getRecordJson(ctx, contacts, contactId)) as Record<string, unknown>;
  checkConfirmation(contact, confirm);
  const addresses = addressesOf(contact);
  const erasure = await writeTransaction({ ...ctx, source: 'system' }, all, async (writer, tx) => {
    const [erased] = await rows(
      tx,
      sql`SELECT 1 FROM privacy_audit WHERE workspace_id = ${ctx.workspace.id} AND contact_id = ${contactId} AND action = 'erase'`,
    );
    if (erased) throw new Conflict('This contact has already been erased');
    const values = erasedValues(contacts, contact);
    await writer.update('contacts', [{ id: contactId, body: values, path: '' }]);
    const activities = await activitiesOf(ctx, tx, all.get('activities')!, contactId, addresses);
    const people = new Set(addresses);
    const plans = activities.map((a) => ({ id: a.id, ...activityErasure(a, contactId, people) }));
    const requests = plans
      .filter((p) => Object.keys(p.body).length)
      .map((p, i) => ({ id: p.id, body: p.body, path: `update.${i}` }));
    for (let i = 0; i < requests.length; i += 500)
      await writer.update('activities', requests.slice(i, i + 500));
    const scrubbed = plans.filter((p) => !p.shared).map((p) => p.id);
    const shared = plans.filter((p) => p.shared).map((p) => p.id);
    const ws = ctx.workspace.id;
    const historyEntriesScrubbed =
      (await scrubHistoryValues(tx, ws, 'contacts', [contactId])) +
      (await scrubHistoryValues(tx, ws, 'activities', scrubbed)) +
      (await scrubHistoryValues(tx, ws, 'activities', shared, ['participants']));
    const removed = await rows(
      tx,
      sql`DELETE FROM consents WHERE workspace_id = ${ws} AND contact_id = ${contactId} RETURNING id`,
    );
    for (const channel of consentChannels)
      await insertConsent(ctx, tx, contactId, { channel, status: 'withdrawn', source: 'erasure' });
    const mail = await eraseFromMessages(ctx, tx, addresses, scrubbed);
    const attached = await forgetAttachments(tx, ws, scrubbed);
    await tx.execute(
      sql`DELETE FROM retention_flags WHERE workspace_id = ${ws} AND contact_id = ${contactId}`,
    );
    await forgetEmailBounces(tx, ws, contactId);
    const photos = await forgetContactPhotos(tx, ws, contactId);
    const summary: ErasureSummary = {
      contactId,
      fieldsCleared: Object.keys(values).sort(),
      historyEntriesScrubbed,
      activitiesScrubbed: scrubbed.length,
      activitiesShared: shared.length,
      consentsRemoved: removed.length,
    };
    await writeAudit(ctx, tx, 'erase', contactId, {
      ...summary,
      messages: mail.messages,
      attachmentsRemoved: attached.length,
      mailFilesRemoved: mail.storageKeys.length,
      photosRemoved: photos.length,
    });
    return { summary, storageKeys: [...attached, ...mail.storageKeys, ...photos] };
  });
  for (const key of erasure.storageKeys) await files.remove(key);
  return erasure.summary;
}
