import { missing, type Measure } from './measure';

// These need other modules' tables (activities, forecast snapshots, duplicates), not in this build yet.
export const activityCoverage: Measure = {
  id: 'activityCoverage',
  label: 'Activity coverage',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description: 'Open deals and key accounts with an activity in the last 14 days, as a share of them.',
  windowDays: 14,
  unavailable: missing('needs activities, not yet recorded in this workspace'),
};

export const forecastAccuracy: Measure = {
  id: 'forecastAccuracy',
  label: 'Forecast accuracy',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description: "1 minus the gap between a quarter's committed forecast at its start and what was won.",
  windowDays: 90,
  unavailable: missing('needs forecast snapshots, not yet recorded in this workspace'),
};

export const duplicatesOutstanding: Measure = {
  id: 'duplicatesOutstanding',
  label: 'Duplicates outstanding',
  unit: 'count',
  direction: 'lowerIsBetter',
  description: 'Likely duplicate pairs of accounts and contacts not yet merged or dismissed.',
  windowDays: 0,
  unavailable: missing('needs duplicate detection, not yet recorded in this workspace'),
};
