import type { FilterNode } from '../../../common/pagination';
import type { ComputedFieldRow } from '../../../server/engine';

/** An account field summing its deals' amounts in the base currency (each at its close date's rate). */
const dealSum = (name: string, label: string, filter: FilterNode): ComputedFieldRow => ({
  object: 'accounts',
  name,
  label,
  type: 'rollup',
  expression: null,
  rollup: { object: 'deals', via: 'accountId', fn: 'sum', field: 'amountInBase', filter },
  retired: false,
  group: 'Sales',
});

/** An account's open pipeline (deals not yet won or lost) and won revenue. */
export const accountDealRollups: ComputedFieldRow[] = [
  dealSum('openPipeline', 'Open pipeline', { field: 'closedAt', op: 'isNull', value: true }),
  dealSum('wonRevenue', 'Won revenue', { field: 'forecastCategory', op: 'eq', value: 'closedWon' }),
];
