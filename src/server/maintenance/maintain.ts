import { isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { recordEvents } from '../events/tables';
import { analyzeThreshold, refresh, tableStates, vacuumThreshold, type TableState } from './tables';

/** What maintenance did to one table. */
export interface Maintained {
  table: string;
  action: 'VACUUM ANALYZE' | 'ANALYZE';
  /** Why: the figure past its threshold. */
  reason: string;
  /** The planner's row count afterwards. */
  rows: number;
  /** Dead row versions before (VACUUM removes them). */
  deadRowsBefore: number;
  ms: number;
}

async function maintain(
  db: Database,
  state: TableState,
  vacuum: boolean,
  reason: string,
): Promise<Maintained> {
  const started = performance.now();
  await refresh(db, state, vacuum);
  const [after] = await tableStates(db).then((all) => all.filter((s) => s.table === state.table));
  return {
    table: state.table,
    action: vacuum ? 'VACUUM ANALYZE' : 'ANALYZE',
    reason,
    rows: after?.rows ?? state.rows,
    deadRowsBefore: state.deadRows,
    ms: Math.round(performance.now() - started),
  };
}

/** `rapport db:maintain`: VACUUM ANALYZE every table, whatever its statistics say. */
export async function maintainAll(db: Database, onTable?: (done: Maintained) => void): Promise<Maintained[]> {
  const out: Maintained[] = [];
  for (const state of await tableStates(db)) {
    const done = await maintain(db, state, true, 'asked for');
    onTable?.(done);
    out.push(done);
  }
  return out;
}

/** Why a table needs VACUUM or ANALYZE by autovacuum's rules, or null; `mayVacuum` false defers VACUUM. */
export function dueFor(state: TableState, mayVacuum = true): { vacuum: boolean; reason: string } | null {
  if (mayVacuum && state.deadRows > vacuumThreshold(state.rows))
    return { vacuum: true, reason: `${state.deadRows} dead rows` };
  if (state.changedSinceAnalyze > analyzeThreshold(state.rows))
    return { vacuum: false, reason: `${state.changedSinceAnalyze} rows changed since the last ANALYZE` };
  // PGlite forgets its statistics counters when it restarts, but not the catalog: a table the planner
  // takes for never counted that holds data (loaded by the command line before a start) is due too.
  if (state.rows < 0 && state.bytes > 0) return { vacuum: false, reason: 'never analyzed' };
  return null;
}

/**
 * What autovacuum does on PostgreSQL, for the embedded database that has none: every table past
 * autovacuum's thresholds is vacuumed or analyzed. Answers what was done.
 */
export async function sweep(db: Database): Promise<Maintained[]> {
  // VACUUM holds PGlite's one connection for as long as it runs (a minute for a large table on a busy
  // machine): while record changes wait to be dispatched, writes are under way (an import), and
  // vacuuming waits for the next pass. ANALYZE is short and is not deferred.
  const pending = await db.read((x) =>
    x
      .select({ one: sql`1` })
      .from(recordEvents)
      .where(isNull(recordEvents.dispatchedAt))
      .limit(1),
  );
  const out: Maintained[] = [];
  for (const state of await tableStates(db)) {
    const due = dueFor(state, pending.length === 0);
    if (due) out.push(await maintain(db, state, due.vacuum, due.reason));
  }
  return out;
}
