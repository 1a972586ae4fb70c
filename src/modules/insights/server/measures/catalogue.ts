import { weeklyActiveUsers } from './adoption';
import { repsLoggingWeekly } from './activityLogging';
import { averageDealSize } from './averageDealSize';
import { dataCompleteness } from './dataCompleteness';
import { observedLifetimeValue, predictiveLifetimeValue } from './lifetimeValue';
import type { Measure } from './measure';
import { prospectToPaymentMedianDays, prospectToPaymentP80Days } from './prospectToPayment';
import { customerChurn, customerRetention } from './retention';
import {
  marginGrowth,
  marginGrowthYearOverYear,
  revenueGrowth,
  revenueGrowthYearOverYear,
} from './revenueGrowth';
import { salesCycleMedianDays, salesCycleP80Days } from './salesCycle';
import { activityCoverage } from './activityCoverage';
import { duplicatesOutstanding } from './duplicatesOutstanding';
import { forecastAccuracy } from './forecastAccuracy';
import { usefulnessRating } from './usefulness';
import { winRate } from './winRate';

/** The built-in measures, in the scorecard's order. A new measure is a file here and a line below. */
export const catalogue: Measure[] = [
  prospectToPaymentMedianDays,
  prospectToPaymentP80Days,
  salesCycleMedianDays,
  salesCycleP80Days,
  winRate,
  averageDealSize,
  revenueGrowth,
  revenueGrowthYearOverYear,
  marginGrowth,
  marginGrowthYearOverYear,
  observedLifetimeValue,
  predictiveLifetimeValue,
  customerRetention,
  customerChurn,
  forecastAccuracy,
  activityCoverage,
  dataCompleteness,
  duplicatesOutstanding,
  weeklyActiveUsers,
  repsLoggingWeekly,
  usefulnessRating,
];

export const measureIds = catalogue.map((m) => m.id);
export const measureById = new Map(catalogue.map((m) => [m.id, m]));
