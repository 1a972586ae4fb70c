import { z } from 'zod';

/** Where a lead (and the deal it becomes) came from: kept through conversion for attribution. */
export const leadSources = [
  'website',
  'inbound',
  'outbound',
  'referral',
  'partner',
  'event',
  'advertising',
  'existingCustomer',
  'other',
] as const;

/** How far sales has got with a lead; a disqualified lead gives its reason. */
export const leadStatuses = ['new', 'working', 'nurturing', 'qualified', 'disqualified'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

/** `existingCustomer` → `Existing customer`. */
export const optionLabel = (value: string) =>
  value
    .replace(/([A-Z])/g, ' $1')
    .replace(/^./, (c) => c.toUpperCase())
    .replace(/ (\w)/g, (_, c: string) => ` ${c.toLowerCase()}`);

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
