import { Decimal } from 'decimal.js';
import type { MeasureDirection, ObjectiveStatus } from '../contract';

export interface ObjectivePlan {
  baseline: number;
  target: number;
  startDate: string;
  dueDate: string;
}

const dayMs = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`);

/** Where linear progress from the baseline at the start to the target at the due date puts the measure on `day`. */
export function expectedOn(plan: ObjectivePlan, day: string): Decimal {
  const span = (dayOf(plan.dueDate) - dayOf(plan.startDate)) / dayMs;
  const elapsed = Math.min(Math.max((dayOf(day) - dayOf(plan.startDate)) / dayMs, 0), span);
  const change = new Decimal(plan.target).minus(plan.baseline);
  return new Decimal(plan.baseline).plus(span > 0 ? change.times(elapsed).dividedBy(span) : change);
}

/** Behind plan by at most this share of the planned change is "at risk"; further behind is "off track". */
export const atRiskShare = new Decimal('0.1');

/**
 * On track when the measure is where linear progress says it should be today, or better; at risk when
 * behind by at most a tenth of the planned change; off track beyond that.
 */
export function objectiveStatus(
  plan: ObjectivePlan,
  value: number | string,
  direction: MeasureDirection,
  day: string,
): ObjectiveStatus {
  const change = new Decimal(plan.target).minus(plan.baseline);
  // Better is the way the objective points; an objective to hold a level uses the measure's direction.
  const better = change.isZero() ? (direction === 'higherIsBetter' ? 1 : -1) : change.isPositive() ? 1 : -1;
  const behind = expectedOn(plan, day).minus(value).times(better);
  if (behind.lte(0)) return 'onTrack';
  if (change.isZero()) return 'offTrack';
  return behind.dividedBy(change.abs()).lte(atRiskShare) ? 'atRisk' : 'offTrack';
}
