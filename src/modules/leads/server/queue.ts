import { sql } from 'drizzle-orm';
import { ValidationFailed } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { baseConditions, type RequestContext, type ResolvedObject } from '../../../server/engine';
import type { LeadQueue } from '../contract';
import type { LeadObjects } from './scoring';
import { reasonsOf, scoreSql, scoringRules } from './scoreSql';
import { firstTouchSql } from './touches';

export const openLeadStatuses = ['new', 'working'] as const;

interface QueueCursor {
  score: number;
  /** microseconds since 1970, exact, as text */
  capturedAt: string;
  id: string;
}

const encode = (c: QueueCursor) =>
  Buffer.from(JSON.stringify([c.score, c.capturedAt, c.id])).toString('base64url');

function decode(cursor: string): QueueCursor {
  try {
    const [score, capturedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (
      Number.isInteger(score) &&
      Math.abs(score as number) < 2 ** 31 &&
      typeof capturedAt === 'string' &&
      /^-?\d{1,16}$/.test(capturedAt) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(id)
    )
      return { score: score as number, capturedAt, id };
  } catch {
    // falls through to the 400 below
  }
  throw new ValidationFailed('The cursor is not valid', [
    { path: 'cursor', message: 'is not a cursor of this list' },
  ]);
}

interface QueueRow {
  id: string;
  name: string;
  email: string | null;
  company: string | null;
  leadStatus: string;
  leadSource: string | null;
  capturedAt: string;
  capturedKey: string;
  ageMinutes: number;
  firstTouchAt: string | null;
  score: number;
  hits: boolean[];
}

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The signed-in user's open leads (new or working), best score first, then oldest, keyset-paged. The
 * contacts_lead_queue_idx index (workspace, owner, status, created) finds the user's open leads; the
 * score is computed for those alone, since engagement rules move with time.
 */
export async function leadQueue(
  ctx: RequestContext,
  objects: LeadObjects & { accounts: ResolvedObject },
  limit: number,
  cursor?: string,
): Promise<LeadQueue> {
  const after = cursor ? decode(cursor) : null;
  const rules = await scoringRules(ctx);
  const score = scoreSql(ctx, objects.system, rules);
  const account = objects.accounts.as('acc');
  const keyset = after
    ? sql`WHERE q.score < ${after.score}::int OR (q.score = ${after.score}::int
        AND (q.created_at, q.id) > (timestamptz 'epoch' + ${after.capturedAt}::bigint * interval '1 microsecond', ${after.id}::uuid))`
    : sql``;
  const found = await ctx.db.read((x) =>
    rows<QueueRow>(
      x,
      sql`SELECT q.* FROM (
          SELECT t.id, concat_ws(' ', t.first_name, t.last_name) AS name, t.email,
            (SELECT acc.name FROM accounts acc WHERE ${sql.join(baseConditions(ctx, account), sql` AND `)}
              AND acc.id = t.account_id) AS company,
            t.lead_status AS "leadStatus", t.lead_source AS "leadSource", t.created_at,
            ${iso('t.created_at')} AS "capturedAt", (extract(epoch FROM t.created_at) * 1000000)::bigint::text AS "capturedKey",
            floor(extract(epoch FROM now() - t.created_at) / 60)::int AS "ageMinutes",
            ${iso('ft.at')} AS "firstTouchAt", ${score.score} AS score, h.hits
          FROM contacts t ${score.lateral}
          CROSS JOIN LATERAL (SELECT ${firstTouchSql()} AS at) ft
          WHERE ${sql.join(baseConditions(ctx, objects.caller), sql` AND `)}
            AND t.owner_id = ${ctx.userId}
            AND t.lead_status IN (${sql.join(
              openLeadStatuses.map((s) => sql`${s}`),
              sql`, `,
            )})
        ) q ${keyset}
        ORDER BY q.score DESC, q.created_at, q.id LIMIT ${limit + 1}`,
    ),
  );
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      company: r.company,
      leadStatus: r.leadStatus,
      leadSource: r.leadSource,
      capturedAt: r.capturedAt,
      ageMinutes: Number(r.ageMinutes),
      touched: r.firstTouchAt !== null,
      firstTouchAt: r.firstTouchAt,
      score: Number(r.score),
      reasons: reasonsOf(rules, r.hits),
    })),
    nextCursor:
      found.length > limit && last
        ? encode({ score: Number(last.score), capturedAt: last.capturedKey, id: last.id })
        : null,
  };
}
