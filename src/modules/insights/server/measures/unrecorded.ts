import { missing, type Measure } from './measure';

// Needs the committed forecast at each quarter's start compared with what was won, not computed yet.
export const forecastAccuracy: Measure = {
  id: 'forecastAccuracy',
  label: 'Forecast accuracy',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description: "1 minus the gap between a quarter's committed forecast at its start and what was won.",
  windowDays: 90,
  unavailable: missing('needs forecast snapshots, not yet recorded in this workspace'),
};
