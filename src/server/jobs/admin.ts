import { sql, type SQL } from 'drizzle-orm';
import { Conflict, NotFound, ValidationFailed } from '../../common/errors';
import type { JobState, JobView } from '../../common/jobs';
import { rows } from '../db/database';
import type { RequestContext } from '../engine/context';
import type { JobQueue } from './queue';

const bossStates: Record<JobState, string[]> = {
  queued: ['created', 'retry'],
  running: ['active'],
  failed: ['failed'],
  completed: ['completed'],
};
const stateOf = (bossState: string): JobState =>
  bossState === 'active'
    ? 'running'
    : bossState === 'failed' || bossState === 'completed'
      ? bossState
      : 'queued';

const instant = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

interface JobRow {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  retry_limit: number;
  created_on: string;
  start_after: string;
  started_on: string | null;
  completed_on: string | null;
  error: string | null;
}

// pg-boss keeps jobs in its own schema; tenant jobs carry their workspace in their data.
const jobColumns = sql`id, name, state::text AS state, retry_count, retry_limit, ${instant('created_on')} AS created_on,
  ${instant('start_after')} AS start_after, ${instant('started_on')} AS started_on, ${instant('completed_on')} AS completed_on,
  COALESCE(output->>'message', output->'value'->>'message') AS error`;

function view(row: JobRow): JobView {
  return {
    id: row.id,
    name: row.name,
    state: stateOf(row.state),
    attempts: row.started_on ? row.retry_count + 1 : 0,
    retryLimit: row.retry_limit,
    createdAt: row.created_on,
    startAfter: row.start_after,
    startedAt: row.started_on,
    completedAt: row.completed_on,
    error: row.state === 'completed' ? null : row.error,
  };
}

function readCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
    throw new ValidationFailed('The cursor is not valid', [{ path: 'cursor', message: 'not a cursor' }]);
  return { at, id };
}

/** The workspace's jobs in one state, newest first. */
export async function listJobs(
  ctx: RequestContext,
  jobs: JobQueue,
  query: { state: JobState; limit: number; cursor?: string },
): Promise<{ data: JobView[]; nextCursor: string | null }> {
  await jobs.ready();
  const after: SQL = query.cursor
    ? (({ at, id }) => sql`AND (created_on, id) < (${at}::timestamptz, ${id}::uuid)`)(
        readCursor(query.cursor),
      )
    : sql``;
  const found = await ctx.db.read((x) =>
    rows<JobRow>(
      x,
      sql`SELECT ${jobColumns} FROM pgboss.job
        WHERE data->>'workspaceId' = ${ctx.workspace.id}
          AND state::text = ANY(${`{${bossStates[query.state].join(',')}}`}::text[]) ${after}
        ORDER BY created_on DESC, id DESC LIMIT ${query.limit + 1}`,
    ),
  );
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(view),
    nextCursor:
      found.length > query.limit && last
        ? Buffer.from(`${last.created_on}|${last.id}`).toString('base64url')
        : null,
  };
}

/** Puts a failed job of the workspace back in its queue for one more attempt. */
export async function retryJob(ctx: RequestContext, jobs: JobQueue, id: string): Promise<JobView> {
  await jobs.ready();
  const find = () =>
    ctx.db.read((x) =>
      rows<JobRow>(
        x,
        sql`SELECT ${jobColumns} FROM pgboss.job WHERE id = ${id} AND data->>'workspaceId' = ${ctx.workspace.id}`,
      ),
    );
  const [job] = await find();
  if (!job) throw new NotFound(`No job with id ${id}`);
  if (job.state !== 'failed')
    throw new Conflict(`Only a failed job can be retried; this one is ${stateOf(job.state)}`);
  await jobs.boss.retry(job.name, id);
  jobs.wake(job.name);
  const [retried] = await find();
  return view(retried);
}
