import { sql } from 'drizzle-orm';
import type { Database, Executor } from './database';

/**
 * A heavy report's reads, in one read-only transaction in which PostgreSQL groups and sorts hundreds
 * of thousands of rows in memory rather than on disk (`work_mem`), and does not compile the query for
 * one run (JIT). The settings last as long as the transaction; the pooled connection keeps its own.
 */
export function reportRead<T>(db: Database, work: (tx: Executor) => Promise<T>): Promise<T> {
  return db.write(async (tx) => {
    await tx.execute(sql`SET TRANSACTION READ ONLY`);
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    await tx.execute(sql`SET LOCAL jit = off`);
    return work(tx);
  });
}
