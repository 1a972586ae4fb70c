import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { Conflict, NotFound, type FieldError } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import {
  draftError,
  draftRecord,
  visibleTo,
  type Draft,
  type HookScope,
  type ObjectHooks,
  type WrittenRecord,
} from '../../../server/engine';
import { minorUnitDigits } from '../../deals/contract';
import { quoteLabel, type QuoteLine, type QuoteSettings } from '../contract';
import { quoteTotals } from '../totals';
import { fillLines, maxDiscountPercent, type PriceBookRow } from './quoteLineFill';
import { statusErrors } from './quoteStatus';
import { logSentQuotes } from './quoteTimeline';
import { quoteSettingsOf } from './settings';

interface DealRow {
  id: string;
  name: string;
  account_id: string | null;
  currency: string;
}

const ids = (list: unknown[]) => `{${[...new Set(list.filter((v) => typeof v === 'string'))].join(',')}}`;

async function dealsOf(scope: HookScope, drafts: Draft[]) {
  const deals = scope.object.peers.get('deals');
  const wanted = drafts.map((d) => d.changes.dealId);
  if (!deals || wanted.length === 0) return new Map<string, DealRow>();
  const found = await rows<DealRow>(
    scope.tx,
    sql`SELECT t.id, t.name, t.account_id, t.currency FROM deals t
      WHERE t.workspace_id = ${scope.ctx.workspace.id} AND t.deleted_at IS NULL
        AND t.id = ANY(${ids(wanted)}::uuid[]) AND ${visibleTo(scope.ctx, deals)}`,
  );
  return new Map(found.map((d) => [d.id, d]));
}

/** The price books the drafts name, or the standard book of their currency. */
async function booksOf(tx: Executor, workspaceId: string, drafts: Draft[]) {
  const wanted = drafts.map((d) => draftRecord(d).priceBookId);
  const currencies = drafts.map((d) => draftRecord(d).currency);
  const found = await rows<PriceBookRow & { is_standard: boolean }>(
    tx,
    sql`SELECT id, name, currency, entries, is_standard FROM price_books
      WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL
        AND (id = ANY(${ids(wanted)}::uuid[]) OR (is_standard AND active AND currency = ANY(${ids(currencies)}::text[])))`,
  );
  return (d: Draft): PriceBookRow | null => {
    const r = draftRecord(d);
    return (
      found.find((b) => b.id === r.priceBookId) ??
      (r.priceBookId ? null : (found.find((b) => b.is_standard && b.currency === r.currency) ?? null))
    );
  };
}

interface PreviousRow {
  id: string;
  number: number;
  revision: number;
  latest: number;
  status: string;
  deal_id: string;
  lines: QuoteLine[];
  overall_discount_percent: string | null;
  terms: string | null;
  currency: string;
  price_book_id: string | null;
}

/** A revision: the next version of the latest version of a quote, with its deal, lines and prices. */
async function reviseFrom(scope: HookScope, d: Draft) {
  const [prev] = await rows<PreviousRow>(
    scope.tx,
    sql`SELECT q.id, q.number, q.revision, q.status, q.deal_id, q.lines, q.overall_discount_percent::text,
        q.terms, q.currency, q.price_book_id,
        (SELECT max(o.revision) FROM quotes o WHERE o.workspace_id = q.workspace_id AND o.number = q.number AND o.deleted_at IS NULL)::int AS latest
      FROM quotes q WHERE q.workspace_id = ${scope.ctx.workspace.id} AND q.id = ${d.changes.previousId as string} AND q.deleted_at IS NULL`,
  );
  if (!prev) return; // the engine reports the unknown reference
  const label = quoteLabel(prev.number, prev.revision);
  if (prev.latest !== prev.revision)
    throw new Conflict(`${label} is not the latest version; revise version ${prev.latest}`);
  if (prev.status === 'accepted') throw new Conflict(`${label} is accepted; it is not revised any more`);
  if (d.changes.dealId !== undefined && d.changes.dealId !== prev.deal_id)
    throw new Conflict(`A new version of ${label} stays on the deal of ${label}`);
  d.changes.dealId = prev.deal_id;
  d.changes.number = prev.number;
  d.changes.revision = prev.latest + 1;
  d.changes.lines ??= prev.lines;
  if (!('overallDiscountPercent' in d.changes))
    d.changes.overallDiscountPercent = prev.overall_discount_percent;
  d.changes.terms ??= prev.terms;
  d.changes.currency ??= prev.currency;
  d.changes.priceBookId ??= prev.price_book_id;
}

interface DealLineRow {
  deal_id: string;
  product_id: string;
  description: string | null;
  quantity: string;
  discount_percent: string | null;
}

/**
 * The line items of the deals of new quotes given no lines, oldest first, as quote lines without a
 * price: the quote's price book prices them when the quote is created, as for any line.
 */
async function dealLinesOf(scope: HookScope, drafts: Draft[]) {
  const wanted = drafts.filter((d) => d.changes.lines === undefined).map((d) => d.changes.dealId);
  const lines = new Map<string, Record<string, unknown>[]>();
  if (wanted.length === 0) return lines;
  const found = await rows<DealLineRow>(
    scope.tx,
    sql`SELECT deal_id, product_id, description, quantity::text, discount_percent::text FROM deal_line_items
      WHERE workspace_id = ${scope.ctx.workspace.id} AND deleted_at IS NULL AND deal_id = ANY(${ids(wanted)}::uuid[])
      ORDER BY created_at, id`,
  );
  for (const l of found)
    lines.set(l.deal_id, [
      ...(lines.get(l.deal_id) ?? []),
      {
        productId: l.product_id,
        ...(l.description ? { description: l.description } : {}),
        quantity: Number(l.quantity),
        discountPercent: new Decimal(l.discount_percent ?? 0).toString(),
      },
    ]);
  return lines;
}

/**
 * A new quote takes its account, currency, validity and terms from its deal and the workspace's rules,
 * and, given no lines, the deal's line items.
 */
async function createDefaults(scope: HookScope, creates: Draft[], settings: QuoteSettings) {
  for (const d of creates) if (typeof d.changes.previousId === 'string') await reviseFrom(scope, d);
  const deals = await dealsOf(scope, creates);
  const dealLines = await dealLinesOf(
    scope,
    creates.filter((d) => deals.has(d.changes.dealId as string)),
  );
  const validUntil = new Date(Date.now() + settings.validityDays * 86_400_000).toISOString().slice(0, 10);
  for (const d of creates) {
    const deal = deals.get(d.changes.dealId as string);
    // A deal of another workspace (or one the caller cannot see) does not exist for the caller.
    if (!deal) throw new NotFound(`No deals record with id ${String(d.changes.dealId)}`);
    d.changes.accountId = deal.account_id;
    d.changes.title = deal.name;
    d.changes.status = 'draft';
    d.changes.revision ??= 1;
    d.changes.lines ??= dealLines.get(deal.id) ?? [];
    d.changes.validUntil ??= validUntil;
    d.changes.terms ??= settings.terms;
    if (typeof d.changes.currency !== 'string' && !d.changes.priceBookId) d.changes.currency = deal.currency;
  }
}

async function nextNumber(tx: Executor, workspaceId: string): Promise<number> {
  const [row] = await rows<{ last_number: number }>(
    tx,
    sql`INSERT INTO quote_counters (workspace_id, last_number) VALUES (${workspaceId}, 1)
      ON CONFLICT (workspace_id) DO UPDATE SET last_number = quote_counters.last_number + 1
      RETURNING last_number`,
  );
  return row.last_number;
}

/** Writes the approval requests and decisions of the moves just made, with their comments. */
async function recordApprovals(scope: HookScope, written: WrittenRecord[]) {
  const decisionOf = (from: unknown, to: unknown) => {
    if (to === 'pendingApproval' && from !== 'pendingApproval') return 'requested';
    if (from === 'pendingApproval' && to === 'approved') return 'approved';
    if (from === 'pendingApproval' && to === 'draft') return 'rejected';
    return null;
  };
  const entries = written.flatMap((w) => {
    const decision = decisionOf(w.before?.status, w.after.status);
    if (!decision) return [];
    const comment = w.changed.includes('approvalComment') ? w.after.approvalComment : null;
    return [
      {
        workspaceId: scope.ctx.workspace.id,
        id: uuidv7(),
        quoteId: w.id,
        decision,
        comment: typeof comment === 'string' ? comment : null,
        maxDiscountPercent: maxDiscountPercent(
          w.after.lines as QuoteLine[],
          w.after.overallDiscountPercent as string | null,
        ).toString(),
        actorType: scope.ctx.actor.type,
        actorId: scope.ctx.actor.id,
        actorName: scope.ctx.actor.name,
      },
    ];
  });
  for (const e of entries)
    await scope.tx.execute(sql`INSERT INTO quote_approvals (workspace_id, id, quote_id, decision, comment,
        max_discount_percent, actor_type, actor_id, actor_name)
      VALUES (${e.workspaceId}, ${e.id}, ${e.quoteId}, ${e.decision}, ${e.comment}, ${e.maxDiscountPercent},
        ${e.actorType}, ${e.actorId}, ${e.actorName})`);
}

export const quoteHooks: ObjectHooks = {
  async defaults(scope, drafts) {
    if (scope.operation === 'delete' || scope.operation === 'restore') return;
    const settings = await quoteSettingsOf(scope.tx, scope.ctx.workspace.id);
    const creates = drafts.filter((d) => !d.before);
    if (creates.length) await createDefaults(scope, creates, settings);
    for (const d of drafts)
      if (typeof d.changes.currency === 'string')
        d.changes.currency = d.changes.currency.trim().toUpperCase();
  },
  async validate(scope, drafts) {
    if (scope.operation === 'delete' || scope.operation === 'restore') return [];
    const settings = await quoteSettingsOf(scope.tx, scope.ctx.workspace.id);
    const errors: FieldError[] = [];
    const bookOf = await booksOf(scope.tx, scope.ctx.workspace.id, drafts);
    const pricing: { draft: Draft; book: PriceBookRow | null }[] = [];
    for (const d of drafts) {
      const quote = draftRecord(d);
      const book = bookOf(d);
      if (quote.priceBookId && !book) continue; // the engine reports the unknown reference
      if (!d.before && book) {
        d.changes.priceBookId = book.id;
        d.changes.currency ??= book.currency;
      }
      if (book && draftRecord(d).currency !== book.currency)
        errors.push(
          draftError(
            d,
            'currency',
            `must be ${book.currency}, the currency of the price book "${book.name}"`,
          ),
        );
      if ('lines' in d.changes) pricing.push({ draft: d, book });
    }
    errors.push(...(await fillLines(scope.tx, scope.ctx.workspace.id, pricing, settings)));
    errors.push(...(await statusErrors(scope, drafts, settings)));
    return errors;
  },
  async beforeWrite(scope, drafts) {
    if (scope.operation === 'delete' || scope.operation === 'restore') return;
    const settings = await quoteSettingsOf(scope.tx, scope.ctx.workspace.id);
    for (const d of drafts) {
      if (!d.before && d.changes.number === undefined)
        d.changes.number = await nextNumber(scope.tx, scope.ctx.workspace.id);
      const quote = draftRecord(d);
      if (!d.before)
        d.changes.title = `${quoteLabel(quote.number as number, quote.revision as number)} · ${String(quote.title)}`;
      if (d.changes.status === 'sent' && d.before?.status !== 'sent')
        d.changes.sentAt = new Date().toISOString();
      if (!('lines' in d.changes) && !('overallDiscountPercent' in d.changes) && d.before) continue;
      const lines = quote.lines as QuoteLine[];
      const totals = quoteTotals(
        lines,
        (quote.overallDiscountPercent as string | null) ?? 0,
        settings.taxRates,
        minorUnitDigits(String(quote.currency)),
      );
      d.changes.lines = lines.map((l, i) => ({ ...l, ...totals.lines[i] }));
      d.changes.subtotal = totals.subtotal;
      d.changes.discountTotal = totals.discountTotal;
      d.changes.taxTotal = totals.taxTotal;
      d.changes.total = totals.total;
    }
  },
  async afterWrite(scope, written) {
    await recordApprovals(scope, written);
    await logSentQuotes(scope, written);
  },
};
