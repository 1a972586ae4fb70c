import { z } from 'zod';
import { filterNode } from '../../common/pagination';

/** The unit a measure answers in; objectives' baselines and targets are written in the same unit. */
export const measureUnits = ['fraction', 'days', 'money', 'count', 'rating'] as const;
export type MeasureUnit = (typeof measureUnits)[number];
export const measureDirections = ['higherIsBetter', 'lowerIsBetter'] as const;
export type MeasureDirection = (typeof measureDirections)[number];

/** A measure's value: a number, a decimal string for money, or null where there is nothing to measure yet. */
export const measureValue = z.union([z.number(), z.string(), z.null()]);
export type MeasureValue = z.infer<typeof measureValue>;

export const measureInfo = z
  .object({
    id: z.string(),
    label: z.string(),
    unit: z.enum(measureUnits),
    direction: z.enum(measureDirections),
    description: z.string(),
    /** the trailing window the figure is measured over, in days; 0 for all time until then */
    windowDays: z.number().int(),
    dataAvailable: z.boolean(),
    /** why not, when the data is not there */
    reason: z.string().optional(),
  })
  .meta({ id: 'InsightsMeasure' });
export type MeasureInfo = z.infer<typeof measureInfo>;

export const objectiveStatuses = ['onTrack', 'atRisk', 'offTrack'] as const;
export type ObjectiveStatus = (typeof objectiveStatuses)[number];
export const objectiveStatusLabels: Record<ObjectiveStatus, string> = {
  onTrack: 'On track',
  atRisk: 'At risk',
  offTrack: 'Off track',
};

export const trendPoint = z.object({ at: z.string(), value: measureValue });
export type TrendPoint = z.infer<typeof trendPoint>;

export const tileObjective = z.object({
  id: z.string(),
  name: z.string(),
  baseline: z.number(),
  target: z.number(),
  startDate: z.string(),
  dueDate: z.string(),
  /** where linear progress from baseline to target says the measure should be today */
  expected: z.number(),
});
export type TileObjective = z.infer<typeof tileObjective>;

export const scorecardTile = z
  .object({
    measure: z.string(),
    label: z.string(),
    value: measureValue,
    unit: z.enum(measureUnits),
    direction: z.enum(measureDirections),
    /** monthly points since go-live (at most 13), the last one being the current value */
    trend: z.array(trendPoint),
    objective: tileObjective.optional(),
    status: z.enum(objectiveStatuses).optional(),
    dataAvailable: z.boolean(),
    reason: z.string().optional(),
    asOf: z.string(),
  })
  .meta({ id: 'ScorecardTile' });
export type ScorecardTile = z.infer<typeof scorecardTile>;

export const scorecard = z
  .object({ asOf: z.string(), goLive: z.string(), tiles: z.array(scorecardTile) })
  .meta({ id: 'Scorecard' });
export type Scorecard = z.infer<typeof scorecard>;

export const measureAnswer = z.object({
  measure: z.string(),
  from: z.string(),
  to: z.string(),
  value: measureValue,
});

const day = z.iso.date({ message: 'must be a date like 2026-11-23' });

export const insightsSettings = z.object({
  goLive: z.string(),
  /** per-person adoption figures, shown only to that person and to admins */
  individualAdoption: z.boolean(),
  weeklyHighlight: z.boolean(),
  /** a deal whose stage has not changed for longer counts against "update stage within N days" */
  stageUpdateDays: z.number().int(),
});
export type InsightsSettings = z.infer<typeof insightsSettings>;
export const insightsSettingsInput = z
  .object({
    goLive: day.optional(),
    individualAdoption: z.boolean().optional(),
    weeklyHighlight: z.boolean().optional(),
    stageUpdateDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();

export const reportMeasureFunctions = [
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'median',
  'distinctCount',
] as const;
export const dateBucketNames = ['day', 'week', 'month', 'quarter', 'year'] as const;
/** A report asks for at most this many measures. */
export const reportMeasureLimit = 10;
export const chartKinds = ['bar', 'line', 'area', 'pie', 'funnel', 'table', 'number'] as const;
export type ChartKind = (typeof chartKinds)[number];

const fieldName = z.string().min(1).max(200);
/** What a report asks: an object, filters, up to two groupings, measures, and a bounded date range. */
export const reportQuery = z
  .object({
    object: z.string().min(1).max(60),
    filter: filterNode.optional(),
    groupBy: z
      .array(
        z.union([
          fieldName,
          z.object({ field: fieldName, bucket: z.enum(dateBucketNames).optional() }).strict(),
        ]),
      )
      .max(2)
      .optional(),
    measures: z
      .array(z.object({ fn: z.enum(reportMeasureFunctions), field: fieldName.optional() }).strict())
      .min(1)
      .max(reportMeasureLimit),
    range: z.object({ field: fieldName, from: day, to: day }).strict().optional(),
  })
  .strict();
export type ReportQuery = z.infer<typeof reportQuery>;

/** A saved report's definition: the query and how it is drawn. */
/** How often a report may be emailed: Mondays, or the 1st of the month, at 07:00 UTC. */
export const reportSchedules = ['weekly', 'monthly'] as const;

export const reportDefinition = reportQuery.extend({ chart: z.enum(chartKinds).default('table') });
export type ReportDefinition = z.infer<typeof reportDefinition>;

export const reportRow = z.object({
  group: z.record(z.string(), z.unknown()),
  values: z.array(z.unknown()),
  /** the records behind the figure: the report's filter and range with this row's group */
  drill: filterNode,
});
/** A report in words: its headings (groupings, then measures), and per grouping each value's label or name. */
export const reportLabels = z.object({
  columns: z.array(z.string()),
  values: z.record(z.string(), z.record(z.string(), z.string())),
});
export type ReportLabels = z.infer<typeof reportLabels>;
export const reportAnswer = z.object({ data: z.array(reportRow), capped: z.boolean(), labels: reportLabels });
export type ReportAnswer = z.infer<typeof reportAnswer>;

/** More tiles than this make a dashboard nobody reads and a page nobody waits for. */
export const dashboardTileLimit = 48;
export const dashboardTile = z
  .object({
    id: z.string().min(1).max(60),
    kind: z.enum(['report', 'measure']),
    /** a report's id, or a measure's id */
    ref: z.string().min(1).max(100),
    width: z.number().int().min(1).max(4).default(1),
  })
  .strict();
export type DashboardTile = z.infer<typeof dashboardTile>;
export const dashboardTiles = z
  .array(dashboardTile)
  .max(dashboardTileLimit, { message: `a dashboard holds at most ${dashboardTileLimit} tiles` });
/** A dashboard's filters; `me` (owner) and `mine` (team) stand for whoever looks at it. */
export const dashboardFilters = z
  .object({
    period: z.object({ from: day, to: day }).strict().optional(),
    ownerId: z.union([z.uuid(), z.literal('me')]).optional(),
    teamId: z.union([z.uuid(), z.literal('mine')]).optional(),
  })
  .strict();
export type DashboardFilters = z.infer<typeof dashboardFilters>;

/** Plain text from people: trimmed, control characters out; shown as text, never as markup. */
const plainText = (max: number) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .transform((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim());

export const usefulnessInput = z
  .object({ rating: z.number().int().min(0).max(10), comment: plainText(2000).optional() })
  .strict();
export const usefulnessState = z.object({
  /** whether the monthly question is to be asked of the caller now */
  due: z.boolean(),
  month: z.string(),
});

export const feedbackStatuses = ['new', 'planned', 'done', 'wontDo'] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];
export const feedbackStatusLabels: Record<FeedbackStatus, string> = {
  new: 'New',
  planned: 'Planned',
  done: 'Done',
  wontDo: "Won't do",
};
export const feedbackInput = z
  .object({
    page: z.string().trim().min(1).max(500),
    comment: plainText(4000).pipe(z.string().min(1, { message: 'say what would make it better' })),
    /** "this field is in my way": the object and field it is about */
    object: z.string().min(1).max(60).optional(),
    field: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((f) => !f.field || f.object, { message: 'a field needs its object', path: ['object'] });
export const feedbackItem = z
  .object({
    id: z.string(),
    authorId: z.string(),
    authorName: z.string(),
    page: z.string(),
    object: z.string().nullable(),
    field: z.string().nullable(),
    comment: z.string(),
    status: z.enum(feedbackStatuses),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Feedback' });
export type FeedbackItem = z.infer<typeof feedbackItem>;
export const feedbackStatusInput = z.object({ status: z.enum(feedbackStatuses) }).strict();

/** The practices Rapport asks of its users, that adoption measures and kudos name. */
export const practices = ['stageUpdates', 'nextSteps', 'checklists', 'dataQuality', 'loggingCalls'] as const;
export type Practice = (typeof practices)[number];
export const practiceLabels: Record<Practice, string> = {
  stageUpdates: 'Keeps deal stages up to date',
  nextSteps: 'Keeps next steps filled',
  checklists: "Uses the pipeline's checklists",
  dataQuality: 'Keeps records clean and complete',
  loggingCalls: 'Logs calls and meetings',
};
export const kudosInput = z
  .object({ toUserId: z.uuid(), practice: z.enum(practices), message: plainText(500).optional() })
  .strict();
export const kudosItem = z.object({
  id: z.string(),
  fromName: z.string(),
  toName: z.string(),
  practice: z.enum(practices),
  message: z.string().nullable(),
  givenAt: z.string(),
});
export type KudosItem = z.infer<typeof kudosItem>;

export const formEventKinds = ['filled', 'cleared', 'completed', 'abandoned'] as const;
export const formEventsInput = z
  .object({
    events: z
      .array(
        z
          .object({
            object: z.string().min(1).max(60),
            field: z.string().min(1).max(100).optional(),
            kind: z.enum(formEventKinds),
            durationMs: z.number().int().min(0).max(86_400_000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();

/** Friction, last 90 days, counts only: per form, saves, unsaved closings and the median time to save; per field, fills, clearings and "in my way". */
export const friction = z.object({
  forms: z.array(
    z.object({
      object: z.string(),
      completed: z.number().int(),
      abandoned: z.number().int(),
      medianSeconds: z.number().nullable(),
    }),
  ),
  fields: z.array(
    z.object({
      object: z.string(),
      field: z.string(),
      filled: z.number().int(),
      cleared: z.number().int(),
      inMyWay: z.number().int(),
    }),
  ),
});
export type Friction = z.infer<typeof friction>;

/**
 * The weekly highlight: teams whose share of seats active this week rose most over the week before, and
 * objects whose data quality score (0 to 100, the quality module's daily snapshot) rose most.
 */
export const highlight = z.object({
  enabled: z.boolean(),
  teams: z.array(
    z.object({
      teamId: z.string(),
      name: z.string(),
      thisWeek: z.number(),
      weekBefore: z.number(),
    }),
  ),
  quality: z.array(
    z.object({
      object: z.string(),
      label: z.string(),
      thisWeek: z.number(),
      weekBefore: z.number(),
    }),
  ),
});
export type Highlight = z.infer<typeof highlight>;

export const practiceShare = z.object({
  practice: z.enum(practices),
  label: z.string(),
  /** users who follow it, of the users it applies to (owners of open deals); null where none applies */
  share: z.number().nullable(),
  followers: z.number().int(),
  users: z.number().int(),
  dataAvailable: z.boolean(),
  reason: z.string().optional(),
});
export const adoptionGroup = z.object({
  /** null for the whole workspace */
  teamId: z.string().nullable(),
  name: z.string(),
  seats: z.number().int(),
  weeklyActive: z.number().int(),
  practices: z.array(practiceShare),
});
export type AdoptionGroup = z.infer<typeof adoptionGroup>;
export const adoption = z
  .object({
    stageUpdateDays: z.number().int(),
    groups: z.array(adoptionGroup),
    features: z.array(
      z.object({ object: z.string(), action: z.string(), events: z.number(), users: z.number() }),
    ),
    ignored: z.array(z.object({ object: z.string(), action: z.string() })),
    /** median hours from a new user's creation to their first record created or changed, since go-live */
    firstActionMedianHours: z.number().nullable(),
    newUsers: z.number().int(),
    /** per person: only when the workspace enables it, to admins (everyone) and to each person (themselves) */
    individuals: z
      .array(z.object({ userId: z.string(), name: z.string(), practices: z.array(z.enum(practices)) }))
      .optional(),
  })
  .meta({ id: 'Adoption' });
export type Adoption = z.infer<typeof adoption>;
