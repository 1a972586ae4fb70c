import { Forbidden } from '../../../common/errors';
import type { ResolvedObject } from '../../../server/engine';

/**
 * Which figures over deals a role may see. An admin may hide a deal field from a role, and a sum,
 * average or size band of that field would reveal it as surely as the field itself. The amount in the
 * base currency and the weighted amount are stored from the amount (`derivedFrom`), so hiding the
 * amount hides them too.
 */
export interface DealFigureAccess {
  /** amounts and what is built from them: sums, averages, size bands, base-currency amounts */
  money: boolean;
  /** weighted amounts: the amount times the probability */
  weighted: boolean;
  /** forecast categories (commit, best case, pipeline) */
  categories: boolean;
}

export function dealFigureAccess(deals: ResolvedObject): DealFigureAccess {
  const sees = (...fields: string[]) => fields.every((f) => deals.fields.has(f));
  return {
    money: sees('amount', 'amountInBase'),
    weighted: sees('amount', 'amountInBase', 'probability', 'weightedAmount'),
    categories: sees('forecastCategory'),
  };
}

/** A figure as the role may see it: the value, or null where it is built from a field hidden from them. */
export const ifSeen = <T>(seen: boolean, value: T): T | null => (seen ? value : null);

/** Refuses an answer that is all money when the amounts it sums are hidden from the caller's role. */
export function requireSeenAmounts(access: DealFigureAccess, what: string): void {
  if (!access.money)
    throw new Forbidden(`Deal amounts are hidden from your role: ${what} would reveal them.`);
}
