import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../db/database';

export interface TableInfo {
  name: string;
  /** columns a copy writes: every column but generated ones */
  columns: string[];
  key: { name: string; type: string }[];
}

/** The tables of the schema, parents before children (foreign keys), with their copyable columns and keys. */
export async function describeTables(db: Executor): Promise<TableInfo[]> {
  const columns = await rows<{ table_name: string; column_name: string }>(
    db,
    sql`SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND is_generated = 'NEVER' AND table_name <> 'rapport_migrations'
      ORDER BY table_name, ordinal_position`,
  );
  const keys = await rows<{ table_name: string; column_name: string; type: string }>(
    db,
    sql`SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type
      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE i.indisprimary AND n.nspname = 'public' ORDER BY c.relname, k.ord`,
  );
  const references = await rows<{ child: string; parent: string }>(
    db,
    sql`SELECT DISTINCT c.relname AS child, p.relname AS parent FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`,
  );
  const names = [...new Set(columns.map((c) => c.table_name))];
  const ordered: string[] = [];
  const visit = (name: string, path: string[] = []) => {
    if (ordered.includes(name) || path.includes(name)) return;
    for (const r of references.filter((r) => r.child === name)) visit(r.parent, [...path, name]);
    ordered.push(name);
  };
  names.sort().forEach((n) => visit(n));
  return ordered.map((name) => ({
    name,
    columns: columns.filter((c) => c.table_name === name).map((c) => c.column_name),
    key: keys.filter((k) => k.table_name === name).map((k) => ({ name: k.column_name, type: k.type })),
  }));
}

const batchSize = 2000;

/**
 * Every row of a table as JSON text, in key order, a batch at a time (never the whole table in memory);
 * `only` narrows it to the rows a condition on `t` holds for (one workspace's).
 */
export async function* readRows(
  read: <T>(work: (db: Executor) => Promise<T>) => Promise<T>,
  table: TableInfo,
  only?: SQL,
): AsyncGenerator<string[]> {
  const id = (n: string) => sql.identifier(n);
  const keyList = sql.join(
    table.key.map((k) => sql`t.${id(k.name)}`),
    sql`, `,
  );
  const cols = sql.join(
    table.columns.map((c) => sql`${c}::text, t.${id(c)}`),
    sql`, `,
  );
  let last: string[] | null = null;
  for (;;) {
    const conditions: SQL[] = [
      ...(only ? [only] : []),
      ...(last
        ? [
            sql`(${keyList}) > (${sql.join(
              table.key.map((k, i) => sql`${(last as string[])[i]}::${sql.raw(k.type)}`),
              sql`, `,
            )})`,
          ]
        : []),
    ];
    const after: SQL = conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
    const batch = await read((db) =>
      rows<{ r: string; k: string[] }>(
        db,
        sql`SELECT json_build_object(${cols})::text AS r, ARRAY[${sql.join(
          table.key.map((k) => sql`t.${id(k.name)}::text`),
          sql`, `,
        )}] AS k
          FROM ${id(table.name)} t ${after} ORDER BY ${keyList} LIMIT ${batchSize}`,
      ),
    );
    if (batch.length === 0) return;
    yield batch.map((b) => b.r);
    last = batch[batch.length - 1].k;
    if (batch.length < batchSize) return;
  }
}

/** Writes a batch of JSON rows; PostgreSQL turns them back into typed values. */
export async function writeRows(db: Executor, table: TableInfo, batch: string[]): Promise<void> {
  if (batch.length === 0) return;
  const id = (n: string) => sql.identifier(n);
  const cols = sql.join(
    table.columns.map((c) => id(c)),
    sql`, `,
  );
  await db.execute(
    sql`INSERT INTO ${id(table.name)} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${id(table.name)}, ${`[${batch.join(',')}]`}::json)`,
  );
}

export async function countRows(db: Executor, table: string): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
  return n;
}
