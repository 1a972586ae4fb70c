import { z } from 'zod';

/** The forecast's and pipeline analytics' payloads, re-exported by contract.ts (split off by size). */

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
/** A figure built from deal fields that an admin may hide from a role: null for that role. */
const hideableMoney = z.string().nullable().meta({
  description:
    'a decimal amount in the base currency; null when a deal field it is built from is hidden from your role',
});

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
  weighted: hideableMoney,
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
      weighted: hideableMoney,
      /** commit / actual − 1, as a fraction; null when nothing closed */
      commitError: z.number().nullable(),
    }),
  ),
});
export type ForecastAccuracy = z.infer<typeof forecastAccuracy>;

const statisticalFigures = z.object({
  period: z.string(),
  asOf: z.string(),
  closedWon: hideableMoney,
  expected: hideableMoney,
  low: hideableMoney,
  high: hideableMoney,
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
    backtest: z.array(statisticalFigures.extend({ actual: hideableMoney })),
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
      wonAmount: hideableMoney,
    }),
  ),
});
export const pipelineSummary = z.object({
  from: z.string(),
  to: z.string(),
  won: z.number().int(),
  lost: z.number().int(),
  winRate: z.number().nullable(),
  averageDealSize: hideableMoney,
  averageCycleDays: z.number().nullable(),
  openDeals: z.number().int(),
  openPipeline: hideableMoney,
  /** open deals × win rate × average deal size ÷ average cycle days: money the pipeline makes a day */
  salesVelocityPerDay: hideableMoney,
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
  amount: hideableMoney,
  currency: z.string().nullable(),
  closeDate: z.string().nullable(),
});
export const staleAndSlipped = z.object({
  stale: z.array(dealInAttention.extend({ idleDays: z.number().int() })),
  slipped: z.array(dealInAttention.extend({ previousCloseDate: z.string(), slippedAt: z.string() })),
});

/** Why an open deal needs its owner: its close date has passed, it went stale, or it has no next step. */
export const attentionReasons = ['closeDatePassed', 'stale', 'noNextStep'] as const;
export const dealsNeedingAttention = z
  .object({
    data: z.array(
      dealInAttention.extend({
        idleDays: z.number().int(),
        reasons: z.array(z.enum(attentionReasons)),
      }),
    ),
  })
  .meta({ id: 'DealsNeedingAttention' });
export type DealsNeedingAttention = z.infer<typeof dealsNeedingAttention>;

/** The board's filters, for its column totals in the base currency. */
export const boardTotalsQuery = z
  .object({
    ownerId: z.uuid({ message: 'must be a user id' }).optional(),
    /** deals whose owner is in the team */
    teamId: z.uuid({ message: 'must be a team id' }).optional(),
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
      amount: hideableMoney,
      weighted: hideableMoney,
      /** deals whose currency had no rate on their close date: counted, but not in the sums (null with the amounts) */
      unconverted: z.number().int().nullable(),
    }),
  ),
});
export type BoardTotals = z.infer<typeof boardTotals>;
