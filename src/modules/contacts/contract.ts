import { z } from 'zod';

export const preferredChannels = ['email', 'phone', 'sms', 'meeting', 'chat', 'social', 'mail'] as const;

export const contactAccountInput = z
  .object({
    accountId: z.uuid(),
    role: z.string().trim().max(120).nullable().optional(),
    isPrimary: z.boolean().optional(),
  })
  .strict();
export type ContactAccountInput = z.infer<typeof contactAccountInput>;

export const contactAccountView = z.object({
  accountId: z.string(),
  accountName: z.string(),
  role: z.string().nullable(),
  isPrimary: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
