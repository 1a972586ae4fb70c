import { z } from 'zod';

/** The states an admin sees: pg-boss's created and retry are both "queued", active is "running". */
export const jobStates = ['queued', 'running', 'failed', 'completed'] as const;
export type JobState = (typeof jobStates)[number];

export const jobListQuery = z
  .object({
    state: z.enum(jobStates).default('queued'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const jobView = z.object({
  id: z.uuid(),
  name: z.string(),
  state: z.enum(jobStates),
  attempts: z.number().int(),
  retryLimit: z.number().int(),
  createdAt: z.string(),
  startAfter: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** The last failure's message, when the job failed or waits for a retry. */
  error: z.string().nullable(),
});
export type JobView = z.infer<typeof jobView>;

export const jobPage = z.object({ data: z.array(jobView), nextCursor: z.string().nullable() });
