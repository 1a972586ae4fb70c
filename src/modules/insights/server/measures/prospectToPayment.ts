import { missing, type Measure } from './measure';

// Orders and their payments are another module's tables, not in this build yet: no figure until they are.
const needsOrders = missing('needs orders and their payments, not yet recorded in this workspace');

export const prospectToPaymentMedianDays: Measure = {
  id: 'prospectToPaymentMedianDays',
  label: 'Prospect to payment (median days)',
  unit: 'days',
  direction: 'lowerIsBetter',
  description:
    "Days from a contact's first record as a prospect to the first payment of its account's order.",
  windowDays: 90,
  unavailable: needsOrders,
};

export const prospectToPaymentP80Days: Measure = {
  ...prospectToPaymentMedianDays,
  id: 'prospectToPaymentP80Days',
  label: 'Prospect to payment (80th percentile days)',
};

export const marginGrowth: Measure = {
  id: 'marginGrowth',
  label: 'Margin growth',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description: 'Gross margin of paid orders in the last 90 days against the 90 days before.',
  windowDays: 90,
  unavailable: needsOrders,
};
