import { sql } from 'drizzle-orm';
import { available, perRange, rangeFrom, rangeTo, type Measure } from './measure';

export const weeklyActiveUsers: Measure = {
  id: 'weeklyActiveUsers',
  label: 'Adoption (weekly active users)',
  unit: 'fraction',
  direction: 'higherIsBetter',
  description: 'Users who used Rapport in the last 7 days, as a share of the enabled users (seats).',
  windowDays: 7,
  unavailable: available,
  compute: (ctx, ranges) =>
    perRange(
      ctx,
      ranges,
      // Only seats count: a disabled user's past use is not a seat's.
      sql`(SELECT round(count(*) FILTER (WHERE u.id IN (SELECT e.user_id FROM usage_events e
            WHERE e.workspace_id = ${ctx.workspace.id} AND e.at >= ${rangeFrom} AND e.at < ${rangeTo})
          )::numeric / nullif(count(*), 0), 4)
        FROM users u WHERE u.workspace_id = ${ctx.workspace.id} AND NOT u.disabled AND u.created_at < ${rangeTo})`,
    ),
};
