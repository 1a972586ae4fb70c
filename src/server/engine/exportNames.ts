import { sql } from 'drizzle-orm';
import { rows } from '../db/database';
import type { RequestContext } from './context';
import type { ResolvedObject } from './resolved';
import { titleOf } from './search';
import { baseConditions, tableOf } from './tableScope';

/** The names of the records (and users) a page of exported records refers to: object name → id → name. */
export type NameBook = Map<string, Map<string, string>>;

/** The ids a page refers to, per referenced object (`users` for owners). */
export function wantedNames(object: ResolvedObject, records: Record<string, unknown>[]) {
  const wanted = new Map<string, Set<string>>();
  const want = (target: string, id: unknown) => {
    if (typeof id !== 'string') return;
    if (!wanted.has(target)) wanted.set(target, new Set());
    wanted.get(target)!.add(id);
  };
  for (const field of object.fields.values()) {
    const target = field.spec.type === 'reference' ? field.spec.reference : undefined;
    for (const record of records) {
      const value = record[field.name];
      if (target) want(target, value);
      else if (field.kind.isLink)
        for (const link of [value].flat() as ({ object: string; id: string } | null)[])
          if (link) want(link.object, link.id);
    }
  }
  return wanted;
}

/**
 * Looks the names up, one query per referenced object for the whole page, through the same
 * visibility as every read: a record the exporter cannot see keeps its id and gets no name.
 */
export async function lookUpNames(
  ctx: RequestContext,
  object: ResolvedObject,
  records: Record<string, unknown>[],
): Promise<NameBook> {
  const book: NameBook = new Map();
  await ctx.db.read(async (db) => {
    for (const [target, idSet] of wantedNames(object, records)) {
      const ids = `{${[...idSet].join(',')}}`;
      const peer = target === 'users' ? undefined : object.peers.get(target);
      if (target !== 'users' && !peer) continue;
      const found = peer
        ? await rows<{ id: string; name: string }>(
            db,
            sql`SELECT t.id, ${titleOf(peer)} AS name FROM ${tableOf(peer)}
              WHERE ${sql.join([...baseConditions(ctx, peer), sql`t.id = ANY(${ids}::uuid[])`], sql` AND `)}`,
          )
        : await rows<{ id: string; name: string }>(
            db,
            sql`SELECT id, name FROM users WHERE workspace_id = ${ctx.workspace.id} AND id = ANY(${ids}::uuid[])`,
          );
      book.set(target, new Map(found.map((r) => [r.id, r.name])));
    }
  });
  return book;
}
