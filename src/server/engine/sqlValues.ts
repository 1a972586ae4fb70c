import { sql, type SQL } from 'drizzle-orm';

const quoted = (value: unknown) => `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A PostgreSQL array literal; every element quoted and escaped. */
export function pgTextArray(values: unknown[]): string {
  return `{${values.map(quoted).join(',')}}`;
}

/** A bound value cast to a PostgreSQL type. */
export function typed(value: unknown, cast: string): SQL {
  return sql`${value}::${sql.raw(cast)}`;
}

/** One column of a batch: its name in the batch and the type its text is cast to. */
export interface BatchColumn {
  name: string;
  cast: string;
}

/**
 * A batch of rows as a table named `alias`: one text array per column, unpacked by `unnest`. However
 * many rows, the statement has one bound parameter per column, so it stays small to build, send and
 * plan, and a thousand-row write holds no tree of thousands of SQL values in memory.
 */
export function batchRows(alias: string, columns: BatchColumn[], rows: (string | null)[][]): SQL {
  const arrays = columns.map((_, i) => {
    const literal = `{${rows.map((row) => (row[i] === null ? 'NULL' : quoted(row[i]))).join(',')}}`;
    return sql`${literal}::text[]`;
  });
  const names = columns.map((c) => sql.identifier(c.name));
  return sql`unnest(${sql.join(arrays, sql`, `)}) AS ${sql.identifier(alias)} (${sql.join(names, sql`, `)})`;
}

/** A column of a batch, typed. */
export function batchValue(alias: string, column: BatchColumn): SQL {
  return sql`${sql.identifier(alias)}.${sql.identifier(column.name)}::${sql.raw(column.cast)}`;
}
