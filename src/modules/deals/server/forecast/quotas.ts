import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { NotFound, ValidationFailed } from '../../../../common/errors';
import { rows } from '../../../../server/db/database';
import { assertAdmin, type RequestContext } from '../../../../server/engine';
import type { ForecastSettings, Quota, quotaInput } from '../../contract';
import { parsePeriod, type Period } from './periods';

/** The workspace's fiscal year start month (1 = January until an admin sets another). */
export async function fiscalStartMonth(ctx: RequestContext): Promise<number> {
  const [found] = await ctx.db.read((x) =>
    rows<{ month: number }>(
      x,
      sql`SELECT fiscal_year_start_month AS month FROM forecast_settings WHERE workspace_id = ${ctx.workspace.id}`,
    ),
  );
  return found?.month ?? 1;
}

export async function setForecastSettings(ctx: RequestContext, input: ForecastSettings) {
  assertAdmin(ctx);
  await ctx.db.write((tx) =>
    tx.execute(sql`INSERT INTO forecast_settings (workspace_id, fiscal_year_start_month)
      VALUES (${ctx.workspace.id}, ${input.fiscalYearStartMonth})
      ON CONFLICT (workspace_id) DO UPDATE SET fiscal_year_start_month = excluded.fiscal_year_start_month, updated_at = now()`),
  );
  return input;
}

/** The period a request names, parsed with the workspace's fiscal year. */
export async function requestedPeriod(ctx: RequestContext, text: unknown): Promise<Period> {
  return parsePeriod(text, await fiscalStartMonth(ctx));
}

const columns = sql`id, period, CASE WHEN subject = 'owner' THEN subject_id END AS "ownerId",
  CASE WHEN subject = 'team' THEN subject_id END AS "teamId", amount::text AS amount, currency`;

export async function listQuotas(ctx: RequestContext, period: Period): Promise<Quota[]> {
  return ctx.db.read((x) =>
    rows<Quota>(
      x,
      sql`SELECT ${columns} FROM quotas WHERE workspace_id = ${ctx.workspace.id} AND period = ${period.key}
        ORDER BY subject, subject_id`,
    ),
  );
}

/** Sets a user's or a team's quota for a period (an admin's call); setting it again replaces it. */
export async function setQuota(ctx: RequestContext, input: z.infer<typeof quotaInput>): Promise<Quota> {
  assertAdmin(ctx);
  const period = await requestedPeriod(ctx, input.period);
  const subject = input.ownerId ? 'owner' : 'team';
  const subjectId = (input.ownerId ?? input.teamId) as string;
  const ws = ctx.workspace.id;
  const [saved] = await ctx.db.write(async (tx) => {
    const known = await rows(
      tx,
      subject === 'owner'
        ? sql`SELECT 1 FROM users WHERE workspace_id = ${ws} AND id = ${subjectId}`
        : sql`SELECT 1 FROM teams WHERE workspace_id = ${ws} AND id = ${subjectId}`,
    );
    const path = subject === 'owner' ? 'ownerId' : 'teamId';
    if (known.length === 0)
      throw new ValidationFailed(`No ${subject === 'owner' ? 'user' : 'team'} with id ${subjectId}`, [
        { path, message: `is not a ${subject === 'owner' ? 'user' : 'team'} of this workspace` },
      ]);
    return rows<Quota>(
      tx,
      sql`INSERT INTO quotas (workspace_id, id, period, subject, subject_id, amount, currency, updated_by)
        VALUES (${ws}, ${uuidv7()}, ${period.key}, ${subject}, ${subjectId}, ${input.amount}, ${ctx.workspace.baseCurrency}, ${ctx.userId})
        ON CONFLICT (workspace_id, period, subject, subject_id)
        DO UPDATE SET amount = excluded.amount, currency = excluded.currency, updated_at = now(), updated_by = excluded.updated_by
        RETURNING ${columns}`,
    );
  });
  return saved;
}

export async function deleteQuota(ctx: RequestContext, id: string): Promise<void> {
  assertAdmin(ctx);
  const gone = await ctx.db.write((tx) =>
    rows(tx, sql`DELETE FROM quotas WHERE workspace_id = ${ctx.workspace.id} AND id = ${id} RETURNING id`),
  );
  if (gone.length === 0) throw new NotFound(`No quota with id ${id}`);
}
