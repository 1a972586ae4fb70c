import { sql } from 'drizzle-orm';
import { available, perRange, rangeTo, type Measure } from './measure';

export const duplicatesOutstanding: Measure = {
  id: 'duplicatesOutstanding',
  label: 'Duplicates outstanding',
  unit: 'count',
  direction: 'lowerIsBetter',
  description:
    'Likely duplicate pairs in the review queue, of any object, found by then and neither merged nor dismissed since.',
  windowDays: 0,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      sql`(SELECT count(*) FROM duplicate_pairs p
        WHERE p.workspace_id = ${ctx.workspace.id} AND NOT p.dismissed AND p.found_at < ${rangeTo})`,
    ),
};
