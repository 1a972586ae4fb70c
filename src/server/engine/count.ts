import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../db/database';

/** How many records a list matches, and whether that is counted or the planner's estimate. */
export interface ListTotal {
  total: number;
  kind: 'exact' | 'estimate';
}

/** Up to this many matches are counted exactly, even when an estimate is asked for: cheap and right. */
export const exactUpTo = 1000;

/** Counts every match: exact, and as slow as reading them all. */
export async function exactTotal(db: Executor, from: SQL, where: SQL): Promise<ListTotal> {
  const [{ n }] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`);
  return { total: n, kind: 'exact' };
}

/**
 * A total for lists too large to count on every page: the matches are counted up to `exactUpTo`
 * (exact below that), and beyond it PostgreSQL's planner estimates them from its statistics (the
 * table's size and the filter's selectivity, as `EXPLAIN` shows), never less than what was counted.
 */
export async function estimatedTotal(db: Executor, from: SQL, where: SQL): Promise<ListTotal> {
  const [{ n }] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${exactUpTo + 1}) AS first`,
  );
  if (n <= exactUpTo) return { total: n, kind: 'exact' };
  const [plan] = await rows<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    db,
    sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from} WHERE ${where}`,
  );
  const planned = Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']);
  return { total: Math.max(planned, n), kind: 'estimate' };
}
