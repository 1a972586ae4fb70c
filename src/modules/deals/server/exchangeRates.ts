import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { NotFound } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { assertAdmin, type RequestContext } from '../../../server/engine';
import type { ExchangeRate, exchangeRateInput } from '../contract';
import { refreshAmountsInBase } from './amountInBase';

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const columns = sql`id, currency, base_currency AS "baseCurrency", rate::text AS rate, valid_from::text AS "validFrom", ${iso('created_at')} AS "createdAt"`;

/** The workspace's rates into its current base currency, newest first per currency. */
export async function listExchangeRates(ctx: RequestContext): Promise<ExchangeRate[]> {
  return ctx.db.read((x) =>
    rows<ExchangeRate>(
      x,
      sql`SELECT ${columns} FROM exchange_rates
        WHERE workspace_id = ${ctx.workspace.id} AND base_currency = ${ctx.workspace.baseCurrency}
        ORDER BY currency, valid_from DESC`,
    ),
  );
}

/** Sets a currency's rate from a day on (an admin's call); the same day again replaces that day's rate. */
export async function setExchangeRate(
  ctx: RequestContext,
  input: z.infer<typeof exchangeRateInput>,
): Promise<ExchangeRate> {
  assertAdmin(ctx);
  return ctx.db.write(async (tx) => {
    const [saved] = await rows<ExchangeRate>(
      tx,
      sql`INSERT INTO exchange_rates (workspace_id, id, currency, base_currency, rate, valid_from, created_by)
        VALUES (${ctx.workspace.id}, ${uuidv7()}, ${input.currency}, ${ctx.workspace.baseCurrency}, ${input.rate}, ${input.validFrom}, ${ctx.userId})
        ON CONFLICT (workspace_id, currency, base_currency, valid_from)
        DO UPDATE SET rate = excluded.rate, created_at = now(), created_by = excluded.created_by
        RETURNING ${columns}`,
    );
    await refreshAmountsInBase(tx, { workspaceId: ctx.workspace.id, currency: saved.currency });
    return saved;
  });
}

export async function deleteExchangeRate(ctx: RequestContext, id: string): Promise<void> {
  assertAdmin(ctx);
  const gone = await ctx.db.write(async (tx) => {
    const removed = await rows<{ currency: string }>(
      tx,
      sql`DELETE FROM exchange_rates WHERE workspace_id = ${ctx.workspace.id} AND id = ${id} RETURNING currency`,
    );
    for (const { currency } of removed)
      await refreshAmountsInBase(tx, { workspaceId: ctx.workspace.id, currency });
    return removed;
  });
  if (gone.length === 0) throw new NotFound(`No exchange rate with id ${id}`);
}
