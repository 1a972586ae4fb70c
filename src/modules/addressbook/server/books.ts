import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FilterNode } from '../../../common/pagination';
import { NotFound } from '../../../common/errors';
import type { RequestContext } from '../../../server/engine';
import { users } from '../../auth/server';
import { listViews } from '../../views/server';

/** One address book a user syncs: a slice of the contacts they may see, named in the phone's list. */
export interface AddressBook {
  slug: string;
  name: string;
  description: string;
  filter?: FilterNode;
  q?: string;
  /**
   * Changes whenever what decides the book's members changes other than the contacts themselves (the
   * user's role or team, the team's members, the workspace's metadata, the view's filter): a sync token
   * made before such a change is refused, and the phone reads the book again.
   */
  fingerprint: string;
}

const fingerprintOf = (ctx: RequestContext, parts: unknown[]) =>
  createHash('sha256')
    .update(JSON.stringify([ctx.userId, ctx.role, ctx.teamId, ctx.workspace.metadataVersion, ...parts]))
    .digest('base64url')
    .slice(0, 16);

async function teamMembers(ctx: RequestContext, teamId: string): Promise<string[]> {
  const found = await ctx.db.read((x) =>
    x
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.teamId, teamId)))
      .orderBy(users.id),
  );
  return found.map((u) => u.id);
}

/** The user's address books: their own contacts, their team's (when they are in one), and each view of contacts they may use. */
export async function addressBooks(ctx: RequestContext): Promise<AddressBook[]> {
  const mine: FilterNode = { field: 'ownerId', op: 'eq', value: ctx.userId };
  const books: AddressBook[] = [
    {
      slug: 'mine',
      name: 'My contacts',
      description: 'The contacts you own in Rapport',
      filter: mine,
      fingerprint: fingerprintOf(ctx, ['mine']),
    },
  ];
  if (ctx.teamId) {
    books.push({
      slug: 'team',
      name: "My team's contacts",
      description: 'The contacts owned by the people of your team',
      filter: { field: 'ownerId.teamId', op: 'eq', value: ctx.teamId },
      fingerprint: fingerprintOf(ctx, ['team', await teamMembers(ctx, ctx.teamId)]),
    });
  }
  for (const view of await listViews(ctx, 'contacts')) {
    books.push({
      slug: `view-${view.id}`,
      name: view.name,
      description: `The contacts of the saved view "${view.name}"`,
      filter: view.state.filter ?? undefined,
      q: view.state.q ?? undefined,
      fingerprint: fingerprintOf(ctx, [view.id, view.updatedAt, view.state.filter, view.state.q]),
    });
  }
  return books;
}

export async function addressBook(ctx: RequestContext, slug: string): Promise<AddressBook> {
  const book = (await addressBooks(ctx)).find((b) => b.slug === slug);
  if (!book) throw new NotFound(`No address book "${slug}"`);
  return book;
}

/** The book's filter with more conditions (some contact ids). */
export function bookFilter(book: AddressBook, ...more: FilterNode[]): FilterNode | undefined {
  const all = [...(book.filter ? [book.filter] : []), ...more];
  return all.length === 0 ? undefined : all.length === 1 ? all[0] : { and: all };
}
