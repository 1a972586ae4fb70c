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

// Forecast: periods, quotas, rollup, adjustments, snapshots and the statistical forecast.

const moneyInput = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine(
    (v) => /^\d{1,16}(\.\d{1,2})?$/.test(v),
    'must be an amount of zero or more, with at most 2 decimals',
  );
const periodText = z.string().trim().min(1).max(10);
const money = z.string().meta({ description: 'a decimal amount in the base currency' });

export const forecastGroupings = ['owner', 'team'] as const;
export type ForecastGrouping = (typeof forecastGroupings)[number];

export const forecastSettings = z.object({ fiscalYearStartMonth: z.number().int().min(1).max(12) }).strict();
export type ForecastSettings = z.infer<typeof forecastSettings>;

export const quotaInput = z
  .object({
    period: periodText,
    ownerId: z.uuid({ message: 'must be a user id' }).optional(),
    teamId: z.uuid({ message: 'must be a team id' }).optional(),
    amount: moneyInput,
  })
  .strict()
  .refine((q) => (q.ownerId ? 1 : 0) + (q.teamId ? 1 : 0) === 1, {
    message: 'give either ownerId or teamId',
    path: ['ownerId'],
  });
export const quota = z
  .object({
    id: z.string(),
    period: z.string(),
    ownerId: z.string().nullable(),
    teamId: z.string().nullable(),
    amount: money,
    currency: z.string(),
  })
  .meta({ id: 'Quota' });
export type Quota = z.infer<typeof quota>;

export const adjustableCategories = ['closedWon', 'commit', 'bestCase', 'pipeline'] as const;
export const forecastAdjustmentInput = z
  .object({
    period: periodText,
    groupBy: z.enum(forecastGroupings).default('owner'),
    key: z.string().trim().min(1).max(64),
    category: z.enum(adjustableCategories).default('commit'),
    amount: moneyInput,
    reason: z.string().trim().min(1, 'say why').max(1000),
  })
  .strict();
export const forecastAdjustment = z
  .object({
    id: z.string(),
    period: z.string(),
    groupBy: z.enum(forecastGroupings),
    key: z.string(),
    category: z.enum(adjustableCategories),
    amount: money,
    reason: z.string(),
    by: z.object({ id: z.string().nullable(), name: z.string() }),
    at: z.string(),
  })
  .meta({ id: 'ForecastAdjustment' });
export type ForecastAdjustment = z.infer<typeof forecastAdjustment>;

export const forecastFigures = z.object({
  quota: money.nullable(),
  closedWon: money,
  commit: money,
  bestCase: money,
  pipeline: money,
  weighted: money,
});
export type ForecastFigures = z.infer<typeof forecastFigures>;

export const forecastRow = forecastFigures
  .extend({
    key: z.string(),
    name: z.string(),
    /** owner rows: the owner's team */
    teamId: z.string().nullable().optional(),
    /** team rows: the team's managers */
    managers: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
    /** the latest adjustment per category, beside the computed figure */
    adjustments: z.array(forecastAdjustment),
  })
  .meta({ id: 'ForecastRow' });
export type ForecastRow = z.infer<typeof forecastRow>;

export const forecast = z
  .object({
    period: z.string(),
    start: z.string(),
    end: z.string(),
    groupBy: z.enum(forecastGroupings),
    currency: z.string(),
    rows: z.array(forecastRow),
    totals: forecastFigures.extend({ adjustments: z.array(forecastAdjustment) }),
    /** deals in the period whose currency has no rate on their close date: left out of the sums */
    unconvertedDeals: z.number().int(),
  })
  .meta({ id: 'Forecast' });
export type Forecast = z.infer<typeof forecast>;

export const forecastAccuracy = z.object({
  period: z.string(),
  groupBy: z.enum(forecastGroupings),
  key: z.string(),
  /** what closed won in the period, as the forecast counts it now */
  actual: money,
  weeks: z.array(
    z.object({
      week: z.string(),
      commit: money,
      bestCase: money,
      weighted: money,
      /** commit / actual − 1, as a fraction; null when nothing closed */
      commitError: z.number().nullable(),
    }),
  ),
});
export type ForecastAccuracy = z.infer<typeof forecastAccuracy>;

const statisticalFigures = z.object({
  period: z.string(),
  asOf: z.string(),
  closedWon: money,
  expected: money,
  low: money,
  high: money,
  openDeals: z.number().int(),
});
export const statisticalForecast = statisticalFigures
  .extend({
    currency: z.string(),
    method: z.string(),
    pipelines: z.array(
      z.object({
        pipelineId: z.string(),
        stages: z.array(
          z.object({
            stageId: z.string(),
            closed: z.number().int(),
            won: z.number().int(),
            winRate: z.number().nullable(),
            medianDaysToWon: z.number().nullable(),
          }),
        ),
      }),
    ),
    backtest: z.array(statisticalFigures.extend({ actual: money })),
  })
  .meta({ id: 'StatisticalForecast' });
export type StatisticalForecast = z.infer<typeof statisticalForecast>;

// Pipeline analytics: every amount in the base currency at the close day's rate.

export const analyticsQuery = z
  .object({
    from: z.iso.date({ message: 'must be a date like 2026-01-01' }).optional(),
    to: z.iso.date({ message: 'must be a date like 2026-12-31' }).optional(),
    pipelineId: z.uuid({ message: 'must be a pipeline id' }).optional(),
    by: z.enum(['owner', 'source', 'stageReached', 'sizeBand']).default('owner'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

export const winRates = z.object({
  by: z.string(),
  data: z.array(
    z.object({
      key: z.string().nullable(),
      name: z.string(),
      won: z.number().int(),
      lost: z.number().int(),
      winRate: z.number().nullable(),
      wonAmount: money,
    }),
  ),
});
export const pipelineSummary = z.object({
  from: z.string(),
  to: z.string(),
  won: z.number().int(),
  lost: z.number().int(),
  winRate: z.number().nullable(),
  averageDealSize: money.nullable(),
  averageCycleDays: z.number().nullable(),
  openDeals: z.number().int(),
  openPipeline: money,
  /** open deals × win rate × average deal size ÷ average cycle days: money the pipeline makes a day */
  salesVelocityPerDay: money.nullable(),
});
export const funnel = z.object({
  pipelineId: z.string(),
  stages: z.array(
    z.object({
      stageId: z.string(),
      name: z.string(),
      reached: z.number().int(),
      /** reached ÷ the previous stage's reached */
      conversion: z.number().nullable(),
    }),
  ),
});
export const cycleTimes = z.object({
  buckets: z.array(
    z.object({
      label: z.string(),
      minDays: z.number(),
      maxDays: z.number().nullable(),
      deals: z.number().int(),
    }),
  ),
  medianDays: z.number().nullable(),
  p90Days: z.number().nullable(),
});
export const timeInStage = z.object({
  pipelineId: z.string(),
  stages: z.array(
    z.object({
      stageId: z.string(),
      name: z.string(),
      entries: z.number().int(),
      averageDays: z.number().nullable(),
      medianDays: z.number().nullable(),
    }),
  ),
});
const dealInAttention = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  stageId: z.string().nullable(),
  amount: money.nullable(),
  currency: z.string().nullable(),
  closeDate: z.string().nullable(),
});
export const staleAndSlipped = z.object({
  stale: z.array(dealInAttention.extend({ idleDays: z.number().int() })),
  slipped: z.array(dealInAttention.extend({ previousCloseDate: z.string(), slippedAt: z.string() })),
});

/** The board's filters, for its column totals in the base currency. */
export const boardTotalsQuery = z
  .object({
    ownerId: z.uuid({ message: 'must be a user id' }).optional(),
    closeFrom: z.iso.date({ message: 'must be a date like 2026-10-01' }).optional(),
    closeTo: z.iso.date({ message: 'must be a date like 2026-12-31' }).optional(),
    minAmount: z.coerce.number().min(0).optional(),
    maxAmount: z.coerce.number().min(0).optional(),
  })
  .strict();
export const boardTotals = z.object({
  pipelineId: z.string(),
  currency: z.string(),
  columns: z.array(
    z.object({
      stageId: z.string(),
      count: z.number().int(),
      amount: money,
      weighted: money,
      /** deals whose currency had no rate on their close date: counted, but not in the sums */
      unconverted: z.number().int(),
    }),
  ),
});
export type BoardTotals = z.infer<typeof boardTotals>;
