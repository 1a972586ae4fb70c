import { sql, type SQL } from 'drizzle-orm';
import type { RequestContext } from '../../../../server/engine';
import { available, perRange, rangeTo, type Measure } from './measure';

/** The fields that make a record useful, per object: what "complete" means here. */
export const keyFields: Record<string, string[]> = {
  accounts: ['domain', 'industry', 'employees', 'phone', 'owner_id'],
  contacts: ['email', 'phone', 'title', 'account_id'],
  deals: ['amount', 'close_date', 'account_id', 'next_step'],
};

function filledAndTotal(ctx: RequestContext, table: string, columns: string[]): SQL {
  const filled = sql.join(
    columns.map((c) => sql`(${sql.identifier(c)} IS NOT NULL AND ${sql.identifier(c)}::text <> '')::int`),
    sql` + `,
  );
  return sql`SELECT coalesce(sum(${filled}), 0) AS filled, count(*) * ${columns.length} AS total
    FROM ${sql.identifier(table)} WHERE workspace_id = ${ctx.workspace.id} AND deleted_at IS NULL
      AND created_at < ${rangeTo}`;
}

export const dataCompleteness: Measure = {
  id: 'dataCompleteness',
  label: 'Data completeness',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description:
    'Key fields filled, as a share of all key fields of the accounts (domain, industry, employees, phone, owner), contacts (email, phone, title, account) and deals (amount, close date, account, next step) created by then, as they are now.',
  windowDays: 0,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      sql`(SELECT round(sum(k.filled)::numeric / nullif(sum(k.total), 0), 4) FROM (${sql.join(
        Object.entries(keyFields).map(([table, columns]) => filledAndTotal(ctx, table, columns)),
        sql` UNION ALL `,
      )}) AS k)`,
    ),
};
