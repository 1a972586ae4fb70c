import type { ComputedFieldRow } from '../../../server/engine';

const notCancelled = { field: 'status', op: 'ne' as const, value: 'cancelled' };

/**
 * An account's lifetime revenue and margin: rollups over its orders that are not cancelled, in the
 * workspace's base currency (each order converted at its booking day's rate). A role from which an
 * admin hides an order's margin does not see the account's either.
 */
export const lifetimeRollups: ComputedFieldRow[] = [
  {
    object: 'accounts',
    name: 'lifetimeRevenue',
    label: 'Lifetime revenue',
    type: 'rollup',
    expression: null,
    rollup: { object: 'orders', via: 'accountId', fn: 'sum', field: 'revenueInBase', filter: notCancelled },
    retired: false,
    group: 'Sales',
  },
  {
    object: 'accounts',
    name: 'lifetimeMargin',
    label: 'Lifetime margin',
    type: 'rollup',
    expression: null,
    rollup: { object: 'orders', via: 'accountId', fn: 'sum', field: 'marginInBase', filter: notCancelled },
    retired: false,
    group: 'Sales',
  },
];
