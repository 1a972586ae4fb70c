import { and, eq, inArray } from 'drizzle-orm';
import type { FilterNode } from '../../../common/pagination';
import {
  exportPage,
  lookUpNames,
  type ListRequest,
  type RequestContext,
  type ResolvedObject,
} from '../../../server/engine';
import { contactVcard } from '../../imports/server';
import { bookFilter, type AddressBook } from './books';
import { addressBookCardNames } from './tables';

/** The contact fields a card is written from; those hidden from the caller's role are left out. */
const cardFields = [
  'firstName',
  'lastName',
  'title',
  'email',
  'emails',
  'phone',
  'mobilePhone',
  'phones',
  'mailingAddress',
  'birthday',
  'notes',
  'accountId',
  'updatedAt',
];

/** A contact of an address book: its card's file name, its ETag, and its vCard 4.0 when asked for. */
export interface Member {
  id: string;
  name: string;
  etag: string;
  card?: string;
}

/** The ETag of a card: the contact's version, which grows on every change to it. */
export const etagOf = (version: number) => `"${version}"`;

const canonicalName = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.vcf$/i;

/** The names phones gave the contacts they created; the others are `<id>.vcf`. */
export async function cardNames(ctx: RequestContext, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await ctx.db.read((x) =>
    x
      .select({ id: addressBookCardNames.contactId, name: addressBookCardNames.name })
      .from(addressBookCardNames)
      .where(
        and(
          eq(addressBookCardNames.workspaceId, ctx.workspace.id),
          inArray(addressBookCardNames.contactId, ids),
        ),
      ),
  );
  return new Map(found.map((r) => [r.id, r.name]));
}

/** The contacts cards' file names stand for: a name a phone chose, else `<contact id>.vcf`; others are left out. */
export async function contactIdsOf(ctx: RequestContext, names: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (names.length === 0) return out;
  const named = await ctx.db.read((x) =>
    x
      .select({ id: addressBookCardNames.contactId, name: addressBookCardNames.name })
      .from(addressBookCardNames)
      .where(
        and(
          eq(addressBookCardNames.workspaceId, ctx.workspace.id),
          inArray(addressBookCardNames.name, names),
        ),
      ),
  );
  for (const r of named) out.set(r.name, r.id);
  for (const name of names) {
    const id = canonicalName.exec(name)?.[1].toLowerCase();
    if (!out.has(name) && id) out.set(name, id);
  }
  return out;
}

/** Whether `name` would be taken as another contact's own name (`<id>.vcf`), so a phone may not choose it. */
export const isCanonicalName = (name: string) => canonicalName.test(name);

/**
 * The book's members, a page of up to 1,000 at a time, through the engine's list (visibility, field
 * access and the view's filter and search applied as in the API); `ids` narrows to those contacts.
 * Only id and version are read unless cards are wanted.
 */
export async function* memberPages(
  ctx: RequestContext,
  contacts: ResolvedObject,
  book: AddressBook,
  options: { ids?: string[]; cards?: boolean; filter?: FilterNode },
): AsyncGenerator<Member[]> {
  const fields = ['version', ...(options.cards ? cardFields.filter((f) => contacts.fields.has(f)) : [])];
  const chunks = options.ids ? chunked(options.ids, 500) : [undefined];
  for (const ids of chunks) {
    if (ids?.length === 0) continue;
    const narrow: FilterNode[] = [
      ...(ids ? [{ field: 'id', op: 'in' as const, value: ids }] : []),
      ...(options.filter ? [options.filter] : []),
    ];
    // exportPage reads 1,000 records a page, whatever the limit here says. In id order: a phone needs no
    // other, and the primary key then serves both the keyset and a narrowing to some ids.
    const request: ListRequest = {
      filter: bookFilter(book, ...narrow),
      q: book.q,
      sort: 'id',
      fields,
      limit: 1000,
    };
    let cursor: string | undefined;
    do {
      const page = await exportPage(ctx, contacts, request, cursor);
      cursor = page.nextCursor ?? undefined;
      const records = page.records.map(
        (j) => JSON.parse(j) as { id: string; version: number } & Record<string, unknown>,
      );
      const names = await cardNames(
        ctx,
        records.map((r) => r.id),
      );
      const accounts = options.cards
        ? (await lookUpNames(ctx, contacts, records)).get('accounts')
        : undefined;
      yield records.map((r) => ({
        id: r.id,
        name: names.get(r.id) ?? `${r.id}.vcf`,
        etag: etagOf(r.version),
        card: options.cards
          ? contactVcard(r, (typeof r.accountId === 'string' && accounts?.get(r.accountId)) || null)
          : undefined,
      }));
    } while (cursor);
  }
}

function chunked<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
