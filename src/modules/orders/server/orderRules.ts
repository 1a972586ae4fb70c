import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { Conflict, type FieldError } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import {
  draftError,
  draftRecord,
  type Draft,
  type HookScope,
  type ObjectHooks,
  type WrittenRecord,
} from '../../../server/engine';
import { inBaseCurrency } from '../../deals/server';
import { quoteLabel } from '../../quotes/contract';
import { logBookedOrders } from './orderTimeline';
import { orderProgress, orderStatusLabels, type OrderStatus, type Payment } from '../contract';
import { keepOrderEconomics } from './economics';

interface QuoteRow {
  id: string;
  number: number;
  revision: number;
  status: string;
  title: string;
  deal_id: string;
  account_id: string | null;
  total: string;
  currency: string;
  revenue: string | null;
  cost: string;
}

/** A new order copies its accepted quote: account, deal, total and currency, and its revenue and margin in base currency. */
async function fromQuotes(scope: HookScope, creates: Draft[]) {
  const ids = creates.map((d) => d.changes.quoteId).filter((id) => typeof id === 'string');
  if (ids.length === 0) return;
  const found = await rows<QuoteRow>(
    scope.tx,
    sql`SELECT q.id, q.number, q.revision, q.status, q.title, q.deal_id, q.account_id, q.total::text, q.currency,
        ${inBaseCurrency(scope.ctx, sql`n.net`, sql`q.currency`, sql`current_date`)}::text AS revenue, n.cost::text
      FROM quotes q CROSS JOIN LATERAL (
        SELECT coalesce(sum((e.l->>'net')::numeric), 0) AS net,
          coalesce(sum((e.l->>'quantity')::numeric * coalesce(p.cost_price, 0)), 0) AS cost
        FROM jsonb_array_elements(q.lines) AS e(l)
          LEFT JOIN products p ON p.workspace_id = q.workspace_id AND p.id = (e.l->>'productId')::uuid) n
      WHERE q.workspace_id = ${scope.ctx.workspace.id} AND q.deleted_at IS NULL
        AND q.id = ANY(${`{${ids.join(',')}}`}::uuid[])`,
  );
  const quotes = new Map(found.map((q) => [q.id, q]));
  for (const d of creates) {
    const quote = quotes.get(d.changes.quoteId as string);
    if (!quote) continue; // the engine reports the unknown reference
    if (quote.status !== 'accepted')
      throw new Conflict(
        `${quoteLabel(quote.number, quote.revision)} is ${quote.status}; only an accepted quote becomes an order`,
      );
    d.changes.title = `Order for ${quote.title}`;
    d.changes.accountId = quote.account_id;
    d.changes.dealId = quote.deal_id;
    d.changes.total = quote.total;
    d.changes.currency = quote.currency;
    // In the base currency at today's rate (the booking day's); no rate for the currency leaves them empty.
    d.changes.revenueInBase = quote.revenue;
    d.changes.marginInBase =
      quote.revenue === null ? null : new Decimal(quote.revenue).minus(quote.cost).toFixed(2);
    d.changes.status = 'booked';
    d.changes.payments ??= [];
  }
}

function moveError(d: Draft): FieldError | null {
  const from = (d.before?.status ?? 'booked') as OrderStatus;
  const to = d.changes.status as OrderStatus | undefined;
  if (!d.before || to === undefined || to === from) return null;
  if (from === 'cancelled' || from === 'paid')
    throw new Conflict(`The order is ${from}; its status can no longer change`, { from, to });
  if (to !== 'cancelled' && orderProgress.indexOf(to) < orderProgress.indexOf(from))
    throw new Conflict(`An order moves forward only: it cannot go from ${from} back to ${to}`, { from, to });
  return null;
}

const sum = (list: Payment[]) => list.reduce((s, p) => s.plus(p.amount), new Decimal(0));

export const orderHooks: ObjectHooks = {
  async defaults(scope, drafts) {
    if (scope.operation === 'delete' || scope.operation === 'restore') return;
    await fromQuotes(
      scope,
      drafts.filter((d) => !d.before),
    );
  },
  validate(scope, drafts) {
    if (scope.operation === 'delete' || scope.operation === 'restore') return [];
    const errors: FieldError[] = [];
    for (const d of drafts) {
      if (d.before && 'quoteId' in d.changes && d.changes.quoteId !== d.before.quoteId)
        errors.push(draftError(d, 'quoteId', 'cannot change once the order exists'));
      const moved = moveError(d);
      if (moved) errors.push(moved);
      const order = draftRecord(d);
      const paid = sum((order.payments ?? []) as Payment[]);
      if (d.changes.status === 'paid' && order.total && paid.lessThan(order.total as string))
        throw new Conflict(
          `The payments (${paid.toFixed(2)}) do not cover the total (${String(order.total)}); record the payments instead`,
        );
    }
    return errors;
  },
  beforeWrite(scope, drafts) {
    if (scope.operation === 'delete' || scope.operation === 'restore') return;
    const now = new Date().toISOString();
    for (const d of drafts) {
      const order = draftRecord(d);
      const paid = sum((order.payments ?? []) as Payment[]);
      d.changes.paidTotal = paid.toFixed(2);
      // Paid once the payments cover the total, in decimal: never by a float's rounding.
      if (order.status !== 'cancelled' && order.total && paid.greaterThanOrEqualTo(order.total as string))
        d.changes.status = 'paid';
      const status = (d.changes.status ?? order.status) as OrderStatus;
      const reached =
        status === 'cancelled' ? ['cancelled'] : orderProgress.slice(0, orderProgress.indexOf(status) + 1);
      for (const s of reached) if (!order[`${s}At`] && !d.changes[`${s}At`]) d.changes[`${s}At`] = now;
    }
  },
  async afterWrite(scope, written) {
    const created = written.filter((w) => w.operation !== 'delete' && !w.before);
    await bookLines(scope, created);
    await keepOrderEconomics(scope, written);
    await logBookedOrders(scope, created);
    await notifyMoves(
      scope,
      written.filter((w) => w.changed.includes('status')),
    );
  },
};

/** The order's lines as booked, each with its product's cost price now (for margins later). */
async function bookLines(scope: HookScope, created: WrittenRecord[]) {
  const workspaceId = scope.ctx.workspace.id;
  for (const w of created) {
    const quoteId = w.after.quoteId as string;
    const [{ n }] = await rows<{ n: number }>(
      scope.tx,
      sql`SELECT jsonb_array_length(lines) AS n FROM quotes WHERE workspace_id = ${workspaceId} AND id = ${quoteId}`,
    );
    if (n === 0) continue;
    const ids = `{${Array.from({ length: n }, () => uuidv7()).join(',')}}`;
    await scope.tx
      .execute(sql`INSERT INTO order_lines (workspace_id, id, order_id, product_id, deal_id, account_id,
        owner_id, quantity, net, currency, unit_cost, booked_at)
      SELECT q.workspace_id, (${ids}::uuid[])[e.n], ${w.id}, (e.l->>'productId')::uuid, q.deal_id, q.account_id,
        ${(w.after.ownerId as string | null) ?? null}::uuid, (e.l->>'quantity')::numeric, (e.l->>'net')::numeric,
        q.currency, p.cost_price, ${w.after.bookedAt as string}::timestamptz
      FROM quotes q CROSS JOIN LATERAL jsonb_array_elements(q.lines) WITH ORDINALITY AS e(l, n)
        LEFT JOIN products p ON p.workspace_id = q.workspace_id AND p.id = (e.l->>'productId')::uuid
      WHERE q.workspace_id = ${workspaceId} AND q.id = ${quoteId}`);
  }
}

/** A notice for each provisioning and support person the workspace names, on every move of an order. */
async function notifyMoves(scope: HookScope, moved: WrittenRecord[]) {
  if (moved.length === 0) return;
  const [settings] = await rows<{ notify_user_ids: string[] }>(
    scope.tx,
    sql`SELECT notify_user_ids FROM order_settings WHERE workspace_id = ${scope.ctx.workspace.id}`,
  );
  for (const w of moved)
    for (const userId of settings?.notify_user_ids ?? [])
      await scope.tx
        .execute(sql`INSERT INTO order_notifications (workspace_id, id, user_id, order_id, account_id, title)
        VALUES (${scope.ctx.workspace.id}, ${uuidv7()}, ${userId}, ${w.id}, ${(w.after.accountId as string | null) ?? null},
          ${`${String(w.after.title)}: ${orderStatusLabels[w.after.status as OrderStatus]}`})`);
}
