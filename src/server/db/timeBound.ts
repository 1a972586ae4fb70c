import { sql } from 'drizzle-orm';
import type { Database } from './database';

/** SQLSTATE 57014: the statement was cancelled, by `statement_timeout` or by an operator. */
export const queryCancelled = '57014';

/** Whether an error (or the driver's error Drizzle wraps as `cause`) is a cancelled statement. */
export function isQueryCancelled(error: unknown): boolean {
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (current.code === queryCancelled) return true;
    current = current.cause as typeof current;
  }
  return false;
}

/**
 * The database with each read in a read-only transaction whose statements PostgreSQL stops after
 * `ms` (a transaction-local `statement_timeout`, so the pooled connection keeps its own setting);
 * a stopped statement throws SQLSTATE 57014. PGlite runs a statement to its end in the server's
 * own thread and never fires the timeout, so there the bound is PostgreSQL's only.
 */
export function timeBound(db: Database, ms: number): Database {
  const timeout = sql.raw(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(ms))}`);
  return {
    ...db,
    read: (work) =>
      db.write(async (tx) => {
        await tx.execute(sql`SET TRANSACTION READ ONLY`);
        await tx.execute(timeout);
        return work(tx);
      }),
  };
}
