import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import { Conflict, Forbidden, type FieldError } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { draftError, draftRecord, type Draft, type HookScope } from '../../../server/engine';
import { quoteLabel, quoteMoves, type QuoteLine, type QuoteSettings, type QuoteStatus } from '../contract';
import { maxDiscountPercent } from './quoteLineFill';

/** Fields that price the quote: they change only while it is a draft. */
const pricing = ['lines', 'overallDiscountPercent', 'priceBookId', 'currency'];
/** Fields fixed when the quote is created. */
const fixed = ['dealId', 'previousId'];
const finished: QuoteStatus[] = ['accepted', 'declined', 'expired'];

/** The discount above the workspace's threshold, if any: it needs a manager's approval before sending. */
export function needsApproval(quote: Record<string, unknown>, settings: QuoteSettings) {
  if (settings.approvalDiscountPercent === null) return null;
  const max = maxDiscountPercent(
    (quote.lines ?? []) as QuoteLine[],
    quote.overallDiscountPercent as string | null,
  );
  return max.greaterThan(settings.approvalDiscountPercent) ? max : null;
}

/** The later versions of the quotes being updated: an older version is read-only. */
async function latestRevisions(scope: HookScope, updates: Draft[]) {
  const numbers = [...new Set(updates.map((d) => d.before!.number as number))];
  if (numbers.length === 0) return new Map<number, number>();
  const found = await rows<{ number: number; revision: number }>(
    scope.tx,
    sql`SELECT number, max(revision)::int AS revision FROM quotes
      WHERE workspace_id = ${scope.ctx.workspace.id} AND deleted_at IS NULL AND number = ANY(${`{${numbers.join(',')}}`}::int[])
      GROUP BY number`,
  );
  return new Map(found.map((r) => [r.number, r.revision]));
}

function moveConflict(label: string, from: QuoteStatus, to: QuoteStatus): Conflict {
  const allowed = quoteMoves[from];
  return new Conflict(
    `${label} cannot move from ${from} to ${to}; ${allowed.length ? `from ${from} it can move to ${allowed.join(', ')}` : `${from} is final`}`,
    { from, to, allowed },
  );
}

function approvalFirst(label: string, over: Decimal, settings: QuoteSettings): Conflict {
  return new Conflict(
    `${label} needs a manager's approval first: a discount of ${over.toString()}% is above the workspace's ${new Decimal(settings.approvalDiscountPercent!).toString()}%`,
    { maxDiscountPercent: over.toString(), threshold: settings.approvalDiscountPercent },
  );
}

/**
 * Why the quote (as read) cannot go to the customer now, checked before an email leaves: the same
 * rules as the move to `sent`. A quote already sent may be sent again.
 */
export function sendingConflict(quote: Record<string, unknown>, settings: QuoteSettings): Conflict | null {
  const from = quote.status as QuoteStatus;
  const label = quoteLabel(quote.number as number, quote.revision as number);
  if (from === 'sent') return null;
  if (!quoteMoves[from].includes('sent')) return moveConflict(label, from, 'sent');
  const over = needsApproval(quote, settings);
  if (from === 'draft' && over) return approvalFirst(label, over, settings);
  if (((quote.lines ?? []) as QuoteLine[]).length === 0)
    return new Conflict(`${label} has no lines: a quote without lines cannot be sent`);
  return null;
}

/**
 * The quote's life: older versions and finished quotes are read-only, prices change only on drafts,
 * statuses follow `quoteMoves`, a discount above the threshold needs a manager's approval before sending.
 * State conflicts throw 409 (and a rep deciding an approval 403); field problems are answered as errors.
 */
export async function statusErrors(
  scope: HookScope,
  drafts: Draft[],
  settings: QuoteSettings,
): Promise<FieldError[]> {
  const updates = drafts.filter((d) => d.before);
  const latest = await latestRevisions(scope, updates);
  const errors: FieldError[] = [];
  for (const d of updates) {
    const before = d.before!;
    const label = quoteLabel(before.number as number, before.revision as number);
    const from = before.status as QuoteStatus;
    const to = (d.changes.status ?? from) as QuoteStatus;
    const newest = latest.get(before.number as number) ?? (before.revision as number);
    if (newest > (before.revision as number))
      throw new Conflict(`${label} is read-only: version ${newest} is the latest`);
    if (finished.includes(from)) throw new Conflict(`${label} is ${from}; it can no longer change`);
    const repriced = pricing.filter(
      (f) => f in d.changes && JSON.stringify(d.changes[f]) !== JSON.stringify(before[f]),
    );
    if (repriced.length && from !== 'draft')
      throw new Conflict(
        `${label} is ${from}: only a draft's ${repriced.join(', ')} can change; move it back to draft or revise it`,
      );
    for (const f of fixed)
      if (f in d.changes && d.changes[f] !== before[f])
        errors.push(draftError(d, f, 'cannot change once the quote exists'));
    if (to === from) continue;
    if (!quoteMoves[from].includes(to)) throw moveConflict(label, from, to);
    const quote = draftRecord(d);
    const over = needsApproval(quote, settings);
    if (to === 'pendingApproval' && !over)
      throw new Conflict(`${label} needs no approval: no discount is above the workspace's threshold`);
    if (from === 'pendingApproval' && scope.ctx.role !== 'admin' && scope.ctx.role !== 'manager')
      throw new Forbidden('Only a manager or an admin can approve or reject a quote');
    if (to === 'sent' && from === 'draft' && over) throw approvalFirst(label, over, settings);
    if (to === 'sent' && ((quote.lines ?? []) as QuoteLine[]).length === 0)
      errors.push(draftError(d, 'lines', 'a quote without lines cannot be sent'));
  }
  return errors;
}
