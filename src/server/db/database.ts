import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { Mutex } from './mutex';

/** Drizzle over either driver; a transaction has the same shape. */
export type Executor = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Row = Record<string, unknown>;

export interface Database {
  kind: 'pglite' | 'postgres';
  /** Runs reads outside a transaction (serialized on PGlite). */
  read<T>(work: (db: Executor) => Promise<T>): Promise<T>;
  /** Runs work in one transaction (serialized on PGlite). */
  write<T>(work: (tx: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The underlying PGlite instance, for backup and move-to. */
  pglite?: PGlite;
  pool?: pg.Pool;
  /** The PostgreSQL URL, for connections of their own (LISTEN). */
  url?: string;
}

/** Runs a SQL fragment and answers its rows. */
export async function rows<T = Row>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** How many statement texts a process prepares: each connection keeps every one it prepared. */
const preparedShapes = 500;
const preparedNames = new Map<string, string>();

interface PreparingExecutor {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string | undefined,
      arrayMode: boolean,
    ): { execute(): Promise<unknown> };
  };
}

/** The name a statement text is prepared under: the same text, the same name, on every connection. */
export function statementName(text: string): string {
  return `r_${createHash('sha1').update(text).digest('base64url')}`;
}

/**
 * `rows`, as a named prepared statement: PostgreSQL parses its text once per connection and, once it
 * has seen it a few times, may keep one plan for it instead of planning each call. For reads whose
 * best plan does not depend on their values (a record by id, a record's likely duplicates); a list
 * page's or a search's generic plan was measured slower than planning each call. Past `preparedShapes`
 * texts, new ones run unnamed. PGlite's driver ignores the name.
 */
export async function preparedRows<T = Row>(db: Executor, query: SQL): Promise<T[]> {
  const x = db as unknown as PreparingExecutor;
  const built = x.dialect.sqlToQuery(query);
  let name = preparedNames.get(built.sql);
  if (!name && preparedNames.size < preparedShapes) {
    name = statementName(built.sql);
    preparedNames.set(built.sql, name);
  }
  const result = (await x.session.prepareQuery(built, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}

// Typo tolerance for search: word similarity of 0.4 finds "Aceme" for "Acme".
const typoThreshold = { name: 'pg_trgm.word_similarity_threshold', value: '0.4' };
const sessionSetup = `SET ${typoThreshold.name} = ${typoThreshold.value}`;
/**
 * The same setting as a startup parameter of every PostgreSQL connection: a SET sent from the pool's
 * `connect` event would run while the pool hands the client to its first query (pg deprecates that).
 */
export const postgresSessionOptions = `-c ${typoThreshold.name}=${typoThreshold.value}`;

export async function openPglite(dataDir?: string, from?: { loadDataDir: Blob }): Promise<Database> {
  const client = await PGlite.create(dataDir ? `file://${dataDir}` : 'memory://', {
    extensions: { pg_trgm },
    ...from,
  });
  await client.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await client.exec(sessionSetup);
  return wrapPglite(client);
}

export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite(client) as unknown as Executor;
  // PGlite is one connection: every unit of work, read or write, takes turns.
  const turn = new Mutex();
  return {
    kind: 'pglite',
    pglite: client,
    read: (work) => turn.run(() => work(db)),
    write: (work) => turn.run(() => db.transaction((tx) => work(tx as unknown as Executor))),
    close: async () => {
      await turn.run(() => client.close());
    },
  };
}

/** A connection that fails (a restarted server) is dropped by the pool; it is reported, not fatal. */
const reportConnectionError = (error: Error) =>
  console.error(`PostgreSQL connection error: ${error.message}`);

/** Connections a server opens to PostgreSQL. */
export const defaultPoolSize = 10;

export async function openPostgres(
  url: string,
  max = defaultPoolSize,
  onError = reportConnectionError,
): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, options: postgresSessionOptions });
  // The pool listens for errors of idle connections only. A connection checked out when the server
  // ends it (57P01 on a restart) emits 'error' too, and with no listener that kills the process: so
  // every connection gets one for its whole life; the query it was running fails on its own, and the
  // pool drops the broken connection when it comes back.
  pool.on('error', onError);
  pool.on('connect', (conn) => conn.on('error', onError));
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  const db = drizzlePg(pool) as unknown as Executor;
  return {
    kind: 'postgres',
    pool,
    url,
    read: (work) => work(db),
    write: (work) => db.transaction((tx) => work(tx as unknown as Executor)),
    close: () => pool.end(),
  };
}
