import { z } from 'zod';

/** The part a contact plays in a deal. */
export const dealContactRoles = ['decisionMaker', 'champion', 'influencer', 'user', 'blocker'] as const;
export const dealContactRoleLabels: Record<DealContactRole, string> = {
  decisionMaker: 'Decision maker',
  champion: 'Champion',
  influencer: 'Influencer',
  user: 'User',
  blocker: 'Blocker',
};
export type DealContactRole = (typeof dealContactRoles)[number];

export const forecastCategories = ['pipeline', 'bestCase', 'commit', 'closedWon', 'omitted'] as const;
export type ForecastCategory = (typeof forecastCategories)[number];
export const forecastCategoryLabels: Record<ForecastCategory, string> = {
  pipeline: 'Pipeline',
  bestCase: 'Best case',
  commit: 'Commit',
  closedWon: 'Closed won',
  omitted: 'Omitted',
};

export const stageOutcomes = ['won', 'lost'] as const;
export type StageOutcome = (typeof stageOutcomes)[number];

const shortText = (max: number) => z.string().trim().min(1).max(max);

/** A stage as an admin writes it; a stage without an id is new, and the server gives it one. */
export const stageInput = z
  .object({
    id: z.uuid({ message: 'must be the id of a stage of this pipeline' }).optional(),
    name: shortText(120),
    probability: z.number().int().min(0).max(100),
    playbook: z.string().trim().max(5000).optional(),
    requiredFields: z.array(shortText(100)).max(50).optional(),
    checklist: z.array(shortText(300)).max(50).optional(),
    outcome: z.enum(stageOutcomes).nullable().optional(),
  })
  .strict();
export type StageInput = z.infer<typeof stageInput>;

/** A stage as stored and answered: always with its id, criteria lists and outcome (null while open). */
export const stage = z
  .object({
    id: z.uuid(),
    name: z.string(),
    probability: z.number().int(),
    playbook: z.string().optional(),
    requiredFields: z.array(z.string()),
    checklist: z.array(z.string()),
    outcome: z.enum(stageOutcomes).nullable(),
  })
  .meta({ id: 'PipelineStage' });
export type Stage = z.infer<typeof stage>;

export interface Pipeline {
  id: string;
  name: string;
  enforceCriteria: boolean;
  isDefault: boolean;
  stages: Stage[];
  lostReasons: string[];
  staleAfterDays: number | null;
  version: number;
}

/** A deal's contacts, each with the part they play. */
export const dealContact = z
  .object({ contactId: z.uuid({ message: 'must be a contact id' }), role: z.enum(dealContactRoles) })
  .strict()
  .meta({ id: 'DealContact' });
export const dealContacts = z.array(dealContact).max(100);
export type DealContact = z.infer<typeof dealContact>;

/** Ticked checklist items of the deal's stages: `{itemText: true}`. */
export const dealChecklist = z.record(z.string().trim().min(1).max(300), z.boolean());

/** What keeps a deal from leaving its stage: a field to fill or a checklist item to tick. */
export const missingCriterion = z.union([
  z.object({ field: z.string() }),
  z.object({ checklistItem: z.string() }),
]);
export type MissingCriterion = z.infer<typeof missingCriterion>;

export const stageHistoryEntry = z.object({
  stageId: z.string(),
  stageName: z.string().nullable(),
  pipelineId: z.string(),
  enteredAt: z.string(),
  leftAt: z.string().nullable(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string() }),
  /** criteria an advisory pipeline let the deal skip when it left this stage */
  skipped: z.array(missingCriterion),
});
export type StageHistoryEntry = z.infer<typeof stageHistoryEntry>;

/** ISO 4217 codes, as the runtime's Intl knows them (both Node and browsers). */
const currencies = new Set(Intl.supportedValuesOf('currency'));
export const isoCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => currencies.has(c), 'is not an ISO 4217 currency code');

/** How many decimals the currency's minor unit has: 2 for EUR, 0 for JPY, 3 for KWD. */
export function minorUnitDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

const rateValue = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,10}(\.\d{1,10})?$/.test(v) && Number(v) > 0, 'must be a positive decimal number');

/** One currency's value in the base currency from a day on: 1 `currency` = `rate` `baseCurrency`. */
export const exchangeRateInput = z
  .object({
    currency: isoCurrency,
    rate: rateValue,
    validFrom: z.iso.date({ message: 'must be a date like 2026-11-23' }),
  })
  .strict();
export const exchangeRate = z.object({
  id: z.string(),
  currency: z.string(),
  baseCurrency: z.string(),
  rate: z.string(),
  validFrom: z.string(),
  createdAt: z.string(),
});
export type ExchangeRate = z.infer<typeof exchangeRate>;

/** Converting a qualified lead: the account to use (or to find or create by name and domain) and the deal to open. */
export const leadConversionInput = z
  .object({
    account: z
      .union([
        z.object({ id: z.uuid({ message: 'must be an account id' }) }).strict(),
        z
          .object({ name: z.string().trim().min(1).max(300), domain: z.string().trim().max(300).optional() })
          .strict(),
      ])
      .optional(),
    deal: z
      .object({
        name: z.string().trim().min(1).max(300).optional(),
        pipelineId: z.uuid().optional(),
        stageId: z.uuid().optional(),
        amount: z.union([z.string(), z.number()]).optional(),
        currency: z.string().max(3).optional(),
        closeDate: z.string().optional(),
        role: z.enum(dealContactRoles).default('champion'),
      })
      .strict()
      .default({ role: 'champion' }),
  })
  .strict();
export type LeadConversionInput = z.infer<typeof leadConversionInput>;

export const leadConversion = z.object({
  account: z.record(z.string(), z.unknown()),
  accountCreated: z.boolean(),
  contact: z.record(z.string(), z.unknown()),
  deal: z.record(z.string(), z.unknown()),
});
export type LeadConversion = z.infer<typeof leadConversion>;

export * from './forecastContract';
