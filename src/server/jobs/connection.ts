import { sql, type SQL } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { rows, type Database, type Executor } from '../db/database';

type Answer = Awaited<ReturnType<PgBoss.Db['executeSql']>>;

/**
 * pg-boss's database connection over the app's own database. On PGlite every statement takes its
 * turn in the same FIFO lock as the app's transactions, so the queue never interleaves with one; on
 * PostgreSQL it shares the app's pool.
 */
export function queueConnection(database: Database): PgBoss.Db {
  if (database.pglite) {
    const client = database.pglite;
    return {
      executeSql: (text, values) =>
        database.read(async (): Promise<Answer> => {
          if (values?.length) return client.query(text, values);
          // pg-boss sends schema changes and maintenance as several statements in one text.
          try {
            const results = await client.exec(text);
            return results.at(-1) ?? { rows: [] };
          } catch (error) {
            // A failed BEGIN … COMMIT text leaves its transaction open on the one connection.
            if (client.isInTransaction()) await client.exec('ROLLBACK');
            throw error;
          }
        }),
    };
  }
  const pool = database.pool;
  if (!pool) throw new Error('A PostgreSQL database has a pool');
  return {
    async executeSql(text, values) {
      if (values?.length) return pool.query(text, values);
      const client = await pool.connect();
      try {
        const answer: unknown = await client.query(text);
        // node-postgres answers one result per statement for a text of several.
        return Array.isArray(answer) ? (answer.at(-1) as Answer) : (answer as Answer);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** pg-boss statements run inside one of the app's transactions, so jobs commit or roll back with it. */
export function transactionConnection(tx: Executor): PgBoss.Db {
  return {
    async executeSql(text, values = []) {
      // `$n` placeholders become drizzle parameters in the order they appear (drizzle drops undefined).
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = [];
      parts.forEach((part, i) =>
        chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${(values[Number(part) - 1] as unknown) ?? null}`),
      );
      return { rows: await rows(tx, sql.join(chunks, sql``)) };
    },
  };
}
