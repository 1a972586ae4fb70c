import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { statementName, type Database, type Executor } from '../src/server/db/database';
import type { RequestContext } from '../src/server/engine/context';
import { filterFromQueryString } from '../src/server/engine/filters';
import { getRecordJson, listRecords, type ListRequest } from '../src/server/engine/read';
import type { ResolvedObject } from '../src/server/engine/resolved';
import { searchAll } from '../src/server/engine/search';
import { registryOf } from '../src/server/modules';
import { systemContext } from '../src/server/seed/context';
import { plain } from './database';

/** The list pages measured: a filter and a sort, 50 rows, as the query strings the API gets. */
export const listStages = ['lead', 'qualified', 'customer'];
const listPages = 10;
const stageQuery = (stage: string) => ({
  'filter[lifecycleStage][eq]': stage,
  sort: 'lastName',
  limit: '50',
});
export const deepSort = 'lastName';
const deepPages = 10;

export interface Captured {
  text: string;
  params: unknown[];
  /** the engine ran it as a named prepared statement (`preparedRows`) */
  named?: boolean;
}

const dialect = new PgDialect();

/** A Database that runs nothing: it records the SQL the engine would send and answers `answer`. */
export function capturing(answer: Record<string, unknown>[] = []) {
  const captured: Captured[] = [];
  const record = async (q: { sql: string; params: unknown[] }, named = false) => {
    captured.push({ text: q.sql, params: q.params, named });
    return { rows: answer };
  };
  // Both ways the engine runs SQL: `execute`, and a named prepared statement (`preparedRows`).
  const executor = {
    execute: async (query: SQL) => record(dialect.sqlToQuery(query)),
    dialect,
    session: {
      prepareQuery: (q: { sql: string; params: unknown[] }) => ({ execute: () => record(q, true) }),
    },
  } as unknown as Executor;
  const db: Database = {
    kind: 'postgres',
    read: (work) => work(executor),
    write: (work) => work(executor),
    close: async () => undefined,
  };
  return { db, captured };
}

/** One request of a rotation: its query string for the API, and the SQL the engine runs for it. */
export interface Variant {
  query: Record<string, string>;
  sql: Captured;
}

export interface Workload {
  ctx: RequestContext;
  contacts: ResolvedObject;
  objects: Map<string, ResolvedObject>;
  ids: string[];
  updateIds: string[];
  accountIds: string[];
  searches: string[];
  deepDepth: number;
  /** The first 10 pages of each stage's list; 10 pages at and just above the deep depth. */
  lists: Variant[];
  deeps: Variant[];
  sql: { get: Captured; searches: Captured[] };
}

export function typo(word: string, n: number): string {
  if (word.length < 4) return word;
  const i = 1 + (n % (word.length - 2));
  return n % 2
    ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
    : word.slice(0, i) + word.slice(i + 1);
}

/** Realistic searches drawn from the data: names, emails, companies, domains, phones in several formats, typos. */
export function searchesFrom(
  people: { first_name: string; last_name: string; email: string; phone: string | null }[],
  companies: { name: string; domain: string | null }[],
): string[] {
  const out: string[] = [];
  people.forEach((p, n) => {
    const digits = (p.phone ?? '').replace(/\D/g, '').replace(/^1/, '');
    const pick = [
      p.last_name,
      `${p.first_name} ${p.last_name}`,
      p.email,
      typo(p.last_name, n),
      `${p.first_name} ${typo(p.last_name, n + 1)}`,
      digits.length === 10 ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : p.last_name,
      digits.length === 10
        ? `+1 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`
        : p.first_name,
      p.last_name.slice(0, 5).toLowerCase(),
    ];
    out.push(pick[n % pick.length]);
  });
  companies.forEach((c, n) =>
    out.push([c.name, c.domain ?? c.name, typo(c.name.split(/[\s,]+/)[0], n)][n % 3]),
  );
  return out;
}

/** The workspace's admin as the engine's system context, and its objects: what in-process measurements run as. */
export async function adminObjects(db: Database, workspaceId: string) {
  const [admin] = await plain<{ id: string }>(
    db,
    `SELECT id FROM users WHERE workspace_id = $1 AND role = 'admin' ORDER BY created_at LIMIT 1`,
    [workspaceId],
  );
  const ctx = await systemContext(db, workspaceId, admin.id);
  return { ctx, objects: await registryOf().objects(db, ctx.workspace, ctx.role) };
}

/** Everything the run needs from the data, and the exact SQL the engine runs for each read (captured, not hand-written). */
export async function buildWorkload(
  db: Database,
  workspaceId: string,
  contactCount: number,
): Promise<Workload> {
  const { ctx: real, objects } = await adminObjects(db, workspaceId);
  const contacts = objects.get('contacts')!;

  const ids = (
    await plain<{ id: string }>(
      db,
      'SELECT id FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY random() LIMIT 5000',
      [workspaceId],
    )
  ).map((r) => r.id);
  const updateIds = (
    await plain<{ id: string }>(
      db,
      'SELECT id FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT 120000',
      [workspaceId],
    )
  ).map((r) => r.id);
  const accountIds = (
    await plain<{ id: string }>(
      db,
      'SELECT id FROM accounts WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY random() LIMIT 500',
      [workspaceId],
    )
  ).map((r) => r.id);
  const people = await plain<{ first_name: string; last_name: string; email: string; phone: string | null }>(
    db,
    `SELECT first_name, last_name, email, phone FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL AND last_name IS NOT NULL AND email IS NOT NULL ORDER BY random() LIMIT 48`,
    [workspaceId],
  );
  const companies = await plain<{ name: string; domain: string | null }>(
    db,
    'SELECT name, domain FROM accounts WHERE workspace_id = $1 ORDER BY random() LIMIT 12',
    [workspaceId],
  );
  const searches = searchesFrom(people, companies);

  const capture = async (
    run: (ctx: RequestContext) => Promise<unknown>,
    answer: Record<string, unknown>[] = [],
  ) => {
    const { db: fake, captured } = capturing(answer);
    await run({ ...real, db: fake }).catch(() => undefined);
    return captured;
  };
  const listRequest = (query: Record<string, string>): ListRequest => ({
    filter: filterFromQueryString(query),
    sort: query.sort,
    limit: Number(query.limit ?? 50),
    cursor: query.cursor,
  });
  /** The query string of the page that starts `offset` rows into a list: its keyset cursor, made by the engine. */
  const pageAt = async (query: Record<string, string>, offset: number) => {
    if (offset === 0) return query;
    const [first] = await capture((ctx) => listRecords(ctx, contacts, { ...listRequest(query), limit: 1 }));
    const [boundary] = await plain<Record<string, unknown>>(
      db,
      `${first.text} OFFSET ${offset - 1}`,
      first.params,
    );
    if (!boundary) return null;
    const { db: encoder } = capturing([boundary, boundary]);
    const { nextCursor } = await listRecords({ ...real, db: encoder }, contacts, {
      ...listRequest(query),
      limit: 1,
    });
    return { ...query, cursor: nextCursor! };
  };
  const variants = async (queries: (Record<string, string> | null)[]): Promise<Variant[]> => {
    const out: Variant[] = [];
    for (const query of queries)
      if (query)
        out.push({ query, sql: (await capture((ctx) => listRecords(ctx, contacts, listRequest(query))))[0] });
    return out;
  };
  const pages: (Record<string, string> | null)[] = [];
  for (const stage of listStages)
    for (let page = 0; page < listPages; page++) pages.push(await pageAt(stageQuery(stage), page * 50));

  // The deepest pages: 500,000 rows into the whole list sorted by last name, or 90% of a smaller table.
  const deepDepth = Math.min(500_000, Math.floor(contactCount * 0.9));
  const deepQuery = { sort: deepSort, limit: '50' };
  const deep: (Record<string, string> | null)[] = [];
  for (let page = 0; page < deepPages; page++) deep.push(await pageAt(deepQuery, deepDepth + page * 50));

  const [get] = await capture((ctx) => getRecordJson(ctx, contacts, ids[0]), [{ j: '{}' }]);
  const searchSql: Captured[] = [];
  for (const q of searches)
    searchSql.push(...(await capture((ctx) => searchAll(ctx, [...objects.values()], q, 20))));

  return {
    ctx: real,
    contacts,
    objects,
    ids,
    updateIds,
    accountIds,
    searches,
    deepDepth,
    lists: await variants(pages),
    deeps: await variants(deep),
    sql: { get, searches: searchSql },
  };
}

/** The same SQL with the record id swapped, so gets rotate over many rows. */
export function withId(get: Captured, sampleId: string, id: string): unknown[] {
  return get.params.map((p) => (p === sampleId ? id : p));
}

let serial = 0;
export function newContact(w: Workload, n: number, tag: string) {
  serial++;
  return {
    firstName: `Bench${serial}`,
    lastName: `Person ${tag} ${n}`,
    email: `bench.${tag}.${n}.${serial}@example.com`,
    // Numbers from a space of 8 million, as real ones are: a few hundred shared by every new contact
    // would make each create's duplicate check list hundreds of same-phone look-alikes.
    phone: `+1 (415) ${200 + ((serial * 7919) % 800)}-${String((serial * 104729) % 10000).padStart(4, '0')}`,
    lifecycleStage: 'lead',
    accountId: n % 2 ? w.accountIds[n % w.accountIds.length] : null,
  };
}

/** Bulk update bodies over disjoint slices of ids, so concurrent requests never wait on each other's rows. */
export function updateSlice(w: Workload, n: number, tag: string, size = 1000) {
  const slices = Math.floor(w.updateIds.length / size);
  const start = (n % slices) * size;
  return w.updateIds.slice(start, start + size).map((id, i) => ({ id, title: `Bench ${tag} ${n}-${i}` }));
}

/** A captured statement as the engine sends it: named (each connection parses it once) or not. */
export function asSent(q: Captured, params = q.params) {
  return { name: q.named ? statementName(q.text) : undefined, text: q.text, values: params };
}
