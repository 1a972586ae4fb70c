import { z } from 'zod';

export const lifecycleStages = [
  'subscriber',
  'lead',
  'qualified',
  'opportunity',
  'customer',
  'evangelist',
  'former',
  'other',
] as const;

export const lifecycleOptions = lifecycleStages.map((v) => ({
  value: v,
  label: v[0].toUpperCase() + v.slice(1),
}));

export const industries = [
  'Agriculture',
  'Construction',
  'Education',
  'Energy',
  'Financial Services',
  'Government',
  'Healthcare',
  'Hospitality',
  'Manufacturing',
  'Media',
  'Nonprofit',
  'Professional Services',
  'Real Estate',
  'Retail',
  'Technology',
  'Telecommunications',
  'Transportation',
  'Wholesale',
] as const;

/** A contact's link to an account as the account page shows it. */
export const accountContact = z.object({
  contactId: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.string().nullable(),
  isPrimary: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** the other companies the person works at now: the primary flag tells something only when there are some */
  otherCompanies: z.number().int(),
});
export type AccountContact = z.infer<typeof accountContact>;
