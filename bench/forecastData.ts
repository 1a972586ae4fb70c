import pg from 'pg';
import type { Database } from '../src/server/db/database';
import { plain } from './database';
import { refreshAmountsInBase } from '../src/modules/deals/server/amountInBase';

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates the bench database of the forecast when it does not exist; answers whether it did. */
export async function ensureDatabase(name: string): Promise<boolean> {
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return found.rowCount !== 0;
}

/**
 * `deals` deals in SQL (generate_series), spread over three pipelines: the first holds 100,000 open
 * deals and as many closed, the others the rest (40% open). Created over the last 730 days, closing
 * 10 to 180 days later; 80% USD, 12% EUR, 8% GBP with monthly rates; 50 owners in 5 teams. Each deal
 * has a stage history (unless `history` is false): its open stages in order, then its won or lost
 * stage. The workspace's accounts, if it has any, are spread over the deals.
 */
export async function generateDeals(
  db: Database,
  workspaceId: string,
  pipelineIds: string[],
  deals: number,
  options: { history: boolean } = { history: true },
) {
  const ws = workspaceId;
  const run = (text: string, params: unknown[] = []) => plain(db, text, params);
  for (let t = 0; t < 5; t++)
    await run(`INSERT INTO teams (workspace_id, id, name) VALUES ($1, gen_random_uuid(), $2)`, [
      ws,
      `Team ${t + 1}`,
    ]);
  await run(
    `INSERT INTO users (workspace_id, id, email, name, role, team_id, password_hash)
     SELECT $1, gen_random_uuid(), 'rep' || i || '@bench.test', 'Rep ' || i, CASE WHEN i % 10 = 0 THEN 'manager' ELSE 'rep' END,
       (SELECT id FROM teams WHERE workspace_id = $1 ORDER BY name OFFSET (i % 5) LIMIT 1), 'no-sign-in'
     FROM generate_series(1, 50) i`,
    [ws],
  );
  await run(
    `INSERT INTO exchange_rates (workspace_id, id, currency, base_currency, rate, valid_from)
     SELECT $1, gen_random_uuid(), c.code, 'USD', c.base + (random() - 0.5) * 0.08, (date_trunc('month', now()) - m * interval '1 month')::date
     FROM (VALUES ('EUR', 1.08), ('GBP', 1.27)) c(code, base), generate_series(0, 36) m
     ON CONFLICT DO NOTHING`,
    [ws],
  );
  const first = 200_000;
  // One statement per slice keeps each transaction and its WAL moderate.
  const slice = 100_000;
  for (let from = 1; from <= deals; from += slice) {
    const to = Math.min(deals, from + slice - 1);
    await run(
      `WITH owners AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE workspace_id = $1 AND email LIKE '%@bench.test'),
      numbered AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM accounts WHERE workspace_id = $1),
      account_count AS (SELECT nullif(count(*), 0) AS total FROM accounts WHERE workspace_id = $1),
      raw AS (
        SELECT i, CASE WHEN i <= $4 THEN $2::uuid ELSE ($3::uuid[])[1 + i % 2] END AS pipeline_id,
          CASE WHEN i <= $4 THEN i % 2 = 0 ELSE random() < 0.4 END AS open, random() < 0.45 AS won,
          now() - random() * interval '730 days' AS created, 10 + floor(random() * 170)::int AS days,
          floor(random() * 4)::int AS reached, random() AS r
        FROM generate_series($5::int, $6::int) i),
      shaped AS (
        SELECT raw.*, p.stages,
          CASE WHEN open THEN reached WHEN won THEN jsonb_array_length(p.stages) - 2 ELSE jsonb_array_length(p.stages) - 1 END AS stage_index
        FROM raw JOIN pipelines p ON p.workspace_id = $1 AND p.id = raw.pipeline_id)
      INSERT INTO deals (workspace_id, id, owner_id, account_id, created_at, updated_at, name, amount, currency, weighted_amount,
        close_date, pipeline_id, stage_id, probability, forecast_category, closed_at)
      SELECT $1, gen_random_uuid(), (SELECT ids FROM owners)[1 + i % 50],
        a.id, created,
        CASE WHEN open THEN created ELSE created + days * interval '1 day' END, 'Bench deal ' || i,
        round((1000 + r * 99000)::numeric, 2),
        CASE WHEN i % 25 < 20 THEN 'USD' WHEN i % 25 < 23 THEN 'EUR' ELSE 'GBP' END,
        round((1000 + r * 99000)::numeric * (stages->stage_index->>'probability')::int / 100, 2),
        (created + days * interval '1 day')::date, pipeline_id, (stages->stage_index->>'id')::uuid,
        (stages->stage_index->>'probability')::int,
        CASE WHEN NOT open AND won THEN 'closedWon' WHEN NOT open THEN 'omitted'
          WHEN (stages->stage_index->>'probability')::int >= 70 THEN 'commit'
          WHEN (stages->stage_index->>'probability')::int >= 40 THEN 'bestCase' ELSE 'pipeline' END,
        CASE WHEN open THEN NULL ELSE created + days * interval '1 day' END
      FROM shaped LEFT JOIN numbered a ON a.n = i % (SELECT total FROM account_count)`,
      [ws, pipelineIds[0], `{${pipelineIds.slice(1).join(',')}}`, first, from, to],
    );
    process.stdout.write(`  ${to} deals\r`);
  }
  await db.write((tx) => refreshAmountsInBase(tx, { workspaceId: ws }));
  if (options.history) {
    await generateHistory(db, ws);
    await run(
      `UPDATE deals d SET stage_entered_at = h.entered_at FROM deal_stage_history h
       WHERE d.workspace_id = $1 AND h.workspace_id = $1 AND h.deal_id = d.id AND h.left_at IS NULL`,
      [ws],
    );
  }
}

/** Stage history in slices of deals by their id's first hex digit. */
async function generateHistory(db: Database, ws: string) {
  for (const digit of '0123456789abcdef')
    await plain(
      db,
      `WITH d AS (
        SELECT t.id, t.pipeline_id, t.created_at, coalesce(t.closed_at, now()) AS until, t.closed_at, p.stages,
          (SELECT (s.idx - 1)::int FROM jsonb_array_elements(p.stages) WITH ORDINALITY s(v, idx) WHERE (s.v->>'id')::uuid = t.stage_id) AS at
        FROM deals t JOIN pipelines p ON p.workspace_id = t.workspace_id AND p.id = t.pipeline_id
        WHERE t.workspace_id = $1 AND left(t.id::text, 1) = $2),
      steps AS (
        -- open deals: stages 0..at; closed: stages 0..(a reached open stage), then the closing stage
        SELECT d.*, k, CASE WHEN d.closed_at IS NULL THEN d.at + 1 ELSE 1 + (abs(hashtext(d.id::text)) % (jsonb_array_length(d.stages) - 2)) + 1 END AS n
        FROM d CROSS JOIN LATERAL generate_series(0, CASE WHEN d.closed_at IS NULL THEN d.at ELSE 1 + (abs(hashtext(d.id::text)) % (jsonb_array_length(d.stages) - 2)) END) k)
      INSERT INTO deal_stage_history (workspace_id, id, deal_id, pipeline_id, stage_id, entered_at, left_at, actor_type, actor_name)
      SELECT $1, gen_random_uuid(), id, pipeline_id,
        CASE WHEN closed_at IS NOT NULL AND k = n - 1 THEN (stages->at->>'id')::uuid ELSE (stages->k->>'id')::uuid END,
        created_at + (until - created_at) * k / n,
        CASE WHEN k = n - 1 THEN NULL ELSE created_at + (until - created_at) * (k + 1) / n END, 'system', 'bench'
      FROM steps`,
      [ws, digit],
    );
}
