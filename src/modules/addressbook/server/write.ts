import { sql } from 'drizzle-orm';
import { PreconditionFailed } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import {
  assertCanWrite,
  getRecordJson,
  writeTransaction,
  type ObjectMap,
  type RequestContext,
  type ResolvedObject,
  type Values,
} from '../../../server/engine';
import type { AddressBook } from './books';
import { cardOf, cardValues, changedValues } from './cardValues';
import { contactIdsOf, etagOf, isCanonicalName, memberPages, type Member } from './members';
import { DavRefused } from './refusals';
import { twoWayAllowed } from './settings';
import { addressBookCardNames } from './tables';

export interface CardWrite {
  ctx: RequestContext;
  contacts: ResolvedObject;
  objects: ObjectMap;
  book: AddressBook;
  name: string;
  ifMatch?: string;
  ifNoneMatch?: string;
}

/** Read-only unless the admin allowed two-way sync; viewers never write. Both are 403 with `need-privileges`. */
async function assertMayChange(ctx: RequestContext) {
  if (!(await twoWayAllowed(ctx)))
    throw new DavRefused(
      403,
      '<d:need-privileges/>',
      'These address books are read-only: an admin can allow changes from phones in Rapport',
    );
  try {
    assertCanWrite(ctx);
  } catch {
    throw new DavRefused(403, '<d:need-privileges/>', 'Viewers cannot change contacts');
  }
}

/** The contact a card name stands for, when it is in the book. */
async function memberNamed(write: CardWrite): Promise<Member | null> {
  const id = (await contactIdsOf(write.ctx, [write.name])).get(write.name);
  if (!id) return null;
  for await (const page of memberPages(write.ctx, write.contacts, write.book, { ids: [id] }))
    if (page[0]) return page[0];
  return null;
}

/** `If-Match: "7"` against the current ETag; `*` matches any card that exists. */
function checkIfMatch(ifMatch: string | undefined, member: Member | null) {
  if (ifMatch === undefined) return;
  const matches =
    ifMatch === '*'
      ? !!member
      : !!member && ifMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === member.etag);
  if (!matches) throw new PreconditionFailed('The card has changed since the phone read it');
}

const versionOf = (record: Values) => Number(record.version);
const asSync = (ctx: RequestContext): RequestContext => ({ ...ctx, source: 'contactSync' });

/**
 * PUT of a card: changes the contact it names through the engine's write path (history source
 * `contactSync`), or creates one, keeping the phone's file name for it. Answers the new ETag.
 */
export async function putCard(write: CardWrite, body: unknown): Promise<{ created: boolean; etag: string }> {
  const { ctx, contacts, objects } = write;
  await assertMayChange(ctx);
  const values = cardValues(await cardOf(body));
  const member = await memberNamed(write);
  checkIfMatch(write.ifMatch, member);
  if (member && write.ifNoneMatch === '*') throw new PreconditionFailed('The card exists already');
  if (member) {
    const current = JSON.parse(await getRecordJson(ctx, contacts, member.id)) as Values;
    const changes = changedValues(contacts, values, current);
    if (Object.keys(changes).length === 0) return { created: false, etag: member.etag };
    const [saved] = await writeTransaction(asSync(ctx), objects, (records) =>
      records.update('contacts', [{ id: member.id, body: changes, path: '', ifMatch: versionOf(current) }]),
    );
    return { created: false, etag: etagOf(versionOf(saved.record)) };
  }
  if (isCanonicalName(write.name) && (await exists(ctx, write.name.slice(0, 36))))
    throw new DavRefused(409, '<card:no-uid-conflict/>', 'This card name belongs to another contact');
  const saved = await writeTransaction(asSync(ctx), objects, async (records, tx) => {
    const [created] = await records.create('contacts', [
      { body: changedValues(contacts, values, null), path: '' },
    ]);
    await tx
      .insert(addressBookCardNames)
      .values({ workspaceId: ctx.workspace.id, contactId: created.id, name: write.name });
    return created;
  });
  return { created: true, etag: etagOf(versionOf(saved.record)) };
}

/** Whether any contact of the workspace has this id, seen by the caller or not, in the bin or not. */
async function exists(ctx: RequestContext, id: string): Promise<boolean> {
  const found = await ctx.db.read((x) =>
    rows(x, sql`SELECT 1 FROM contacts WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}::uuid`),
  );
  return found.length > 0;
}

/** DELETE of a card: the contact goes to the recycle bin, as a delete in Rapport does. */
export async function deleteCard(write: CardWrite): Promise<boolean> {
  await assertMayChange(write.ctx);
  const member = await memberNamed(write);
  checkIfMatch(write.ifMatch, member);
  if (!member) return false;
  await writeTransaction(asSync(write.ctx), write.objects, (records) =>
    records.delete('contacts', [member.id]),
  );
  return true;
}
