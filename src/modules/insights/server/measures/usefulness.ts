import { sql } from 'drizzle-orm';
import { available, perRange, rangeFrom, rangeTo, type Measure } from './measure';

export const usefulnessRating: Measure = {
  id: 'usefulnessRating',
  label: 'Usefulness rating',
  unit: 'rating',
  direction: 'higherIsBetter',
  description: 'The average answer, 0 to 10, to "How useful is Rapport for your work?" in the last 90 days.',
  windowDays: 90,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      sql`(SELECT round(avg(u.rating), 1) FROM usefulness_responses u
        WHERE u.workspace_id = ${ctx.workspace.id} AND u.answered_at >= ${rangeFrom} AND u.answered_at < ${rangeTo})`,
    ),
};
