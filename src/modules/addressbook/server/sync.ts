import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import { tableOf, visibleTo, type RequestContext, type ResolvedObject } from '../../../server/engine';
import type { AddressBook } from './books';
import { cardNames, memberPages, type Member } from './members';

/**
 * A sync token (RFC 6578) is a URI naming the book's fingerprint and the database time it was made
 * at. Changes are read from a minute before that time: a write whose transaction began before the
 * token was made but committed after it is sent again rather than missed (a phone compares ETags).
 */
const tokenPattern = /^urn:rapport:sync:([A-Za-z0-9_-]{16}):(\d{1,15})$/;
const overlapMs = 60_000;

export const syncToken = (book: AddressBook, atMs: number) => `urn:rapport:sync:${book.fingerprint}:${atMs}`;

/** The time a token was made at, or null when it is not one of this book's current tokens. */
export function tokenTime(book: AddressBook, token: string): number | null {
  const match = tokenPattern.exec(token.trim());
  if (!match || match[1] !== book.fingerprint) return null;
  return Number(match[2]);
}

export async function databaseNow(ctx: RequestContext): Promise<number> {
  const [row] = await ctx.db.read((x) =>
    rows<{ ms: string }>(x, sql`SELECT (extract(epoch FROM now()) * 1000)::bigint AS ms`),
  );
  return Number(row.ms);
}

/**
 * A value that changes whenever a contact of the workspace changes (or enters the bin), with the
 * book's fingerprint: the CTag clients compare before asking for more. Two index lookups.
 */
export async function bookStamp(ctx: RequestContext, book: AddressBook): Promise<string> {
  const [row] = await ctx.db.read((x) =>
    rows<{ live: string | null; binned: string | null }>(
      x,
      sql`SELECT (SELECT (extract(epoch FROM max(updated_at)) * 1000)::bigint FROM contacts
            WHERE workspace_id = ${ctx.workspace.id} AND deleted_at IS NULL) AS live,
          (SELECT (extract(epoch FROM max(deleted_at)) * 1000)::bigint FROM contacts
            WHERE workspace_id = ${ctx.workspace.id} AND deleted_at IS NOT NULL) AS binned`,
    ),
  );
  return `${book.fingerprint}-${row.live ?? 0}-${row.binned ?? 0}`;
}

export interface Change {
  member?: Member;
  /** a card the phone may hold that is no longer in the book: in the bin, no longer visible, or out of the view */
  removed?: string;
}

/**
 * What changed in the book since `sinceMs`, in pages: the contacts changed since then that are in the
 * book now, and those changed since then that are not. A contact the caller cannot see is reported
 * as removed only if its owner changed since then from someone (it may have been theirs), never otherwise, so a
 * sync reveals nothing of other people's contacts beyond that.
 */
export async function* changesSince(
  ctx: RequestContext,
  contacts: ResolvedObject,
  book: AddressBook,
  sinceMs: number,
): AsyncGenerator<Change[]> {
  const since = new Date(sinceMs - overlapMs).toISOString();
  const ownerChanged = sql`EXISTS (SELECT 1 FROM record_history h WHERE h.workspace_id = t.workspace_id
    AND h.object = 'contacts' AND h.record_id = t.id AND h.at > ${since}::timestamptz
    AND h.changes @> '[{"field": "ownerId"}]'::jsonb
    AND EXISTS (SELECT 1 FROM jsonb_array_elements(h.changes) c WHERE c->>'field' = 'ownerId' AND c->>'from' IS NOT NULL))`;
  // Contacts out of the bin by their last change, then those in it by when they went in: each an
  // index walk (records' updated and bin indexes), page by page.
  for (const [live, at] of [
    [sql`t.deleted_at IS NULL`, sql`t.updated_at`],
    [sql`t.deleted_at IS NOT NULL`, sql`t.deleted_at`],
  ] as const) {
    let after = { at: since, id: '00000000-0000-0000-0000-000000000000' };
    for (;;) {
      const changed = await ctx.db.read((x) =>
        rows<{ id: string; at: string }>(
          x,
          sql`SELECT t.id, ${at}::text AS at FROM ${tableOf(contacts)} WHERE t.workspace_id = ${ctx.workspace.id}
            AND ${live} AND (${at}, t.id) > (${after.at}::timestamptz, ${after.id}::uuid)
            AND (${visibleTo(ctx, contacts)} OR ${ownerChanged})
            ORDER BY ${at}, t.id LIMIT 500`,
        ),
      );
      if (changed.length === 0) break;
      after = changed[changed.length - 1];
      yield await sorted(
        ctx,
        contacts,
        book,
        changed.map((r) => r.id),
      );
      if (changed.length < 500) break;
    }
  }
}

/** Which of these changed contacts are in the book (with their ETags) and which are not. */
async function sorted(ctx: RequestContext, contacts: ResolvedObject, book: AddressBook, ids: string[]) {
  const present = new Map<string, Member>();
  for await (const page of memberPages(ctx, contacts, book, { ids }))
    for (const m of page) present.set(m.id, m);
  const names = await cardNames(
    ctx,
    ids.filter((id) => !present.has(id)),
  );
  return ids.map((id): Change => {
    const member = present.get(id);
    return member ? { member } : { removed: names.get(id) ?? `${id}.vcf` };
  });
}
