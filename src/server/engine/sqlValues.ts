import { sql, type SQL } from 'drizzle-orm';

/** A PostgreSQL array literal; every element quoted and escaped. */
export function pgTextArray(values: unknown[]): string {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** A bound value cast to a PostgreSQL type. */
export function typed(value: unknown, cast: string): SQL {
  return sql`${value}::${sql.raw(cast)}`;
}
