import { z } from 'zod';

/** A record the signed-in user opened lately (`GET /me/recent`), named as search names it. */
export const recentView = z.object({
  object: z.string(),
  id: z.string(),
  title: z.string(),
  viewedAt: z.string().meta({ description: 'when the user last opened it' }),
});
export type RecentView = z.infer<typeof recentView>;
