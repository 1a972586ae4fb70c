import { z } from 'zod';

/** A likely duplicate of a record: how sure (0 to 1) and why. */
export const duplicate = z.object({
  id: z.uuid(),
  score: z.number(),
  reasons: z.array(z.string()),
});
export type Duplicate = z.infer<typeof duplicate>;

export const duplicatesAnswer = z.object({ data: z.array(duplicate) });

/** A pair in the review queue, as the background scan found it. */
export const duplicatePair = z.object({
  object: z.string(),
  recordIds: z.tuple([z.uuid(), z.uuid()]),
  titles: z.tuple([z.string(), z.string()]),
  score: z.number(),
  reasons: z.array(z.string()),
  foundAt: z.string(),
});
export type DuplicatePair = z.infer<typeof duplicatePair>;

export const duplicateQueueQuery = z
  .object({
    object: z.string().min(1).max(100),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const duplicateQueue = z.object({ data: z.array(duplicatePair), nextCursor: z.string().nullable() });

export const scanInput = z.object({ object: z.string().min(1).max(100) }).strict();
export const scanState = z.object({
  id: z.uuid(),
  object: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  scanned: z.number().int(),
  pairs: z.number().int(),
});
export type ScanState = z.infer<typeof scanState>;

export const dismissInput = z
  .object({ object: z.string().min(1).max(100), recordIds: z.tuple([z.uuid(), z.uuid()]) })
  .strict();

/** How similar two names must be (trigram similarity, 0.3 to 1) to be listed as likely duplicates. */
/** Months after which a value is possibly stale, when the workspace has not set it for the object. */
export const defaultStaleAfterMonths = 12;
export const qualitySettings = z
  .object({
    duplicateThreshold: z.number().min(0.3).max(1),
    /** per object name: months after which a field's value is shown as possibly stale (default 12) */
    staleAfterMonths: z.record(z.string().min(1).max(100), z.number().int().min(1).max(240)),
  })
  .strict();
export type QualitySettings = z.infer<typeof qualitySettings>;
/** A change of settings: what is given is set; an object's `staleAfterMonths` replaces its earlier one. */
export const qualitySettingsInput = qualitySettings.partial().strict();
export type QualitySettingsInput = z.infer<typeof qualitySettingsInput>;

export const mergeInput = z
  .object({
    survivorId: z.uuid(),
    mergedIds: z.array(z.uuid()).min(1).max(20),
    /** the survivor's values chosen field by field (taken from any of the records, or typed) */
    values: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type MergeInput = z.infer<typeof mergeInput>;

export const mergeAnswer = z.object({ mergeId: z.uuid(), record: z.record(z.string(), z.unknown()) });

export const mergeState = z.object({
  id: z.uuid(),
  object: z.string(),
  survivorId: z.uuid(),
  mergedIds: z.array(z.uuid()),
  /** related records moved to the survivor, by object and field */
  moved: z.array(z.object({ object: z.string(), field: z.string(), count: z.number().int() })),
  /** other modules' own rows moved to the survivor (a contact's account relationships), by what they are */
  movedRows: z.array(z.object({ name: z.string(), count: z.number().int() })),
  undone: z.boolean(),
  createdAt: z.string(),
});
export type MergeState = z.infer<typeof mergeState>;

/*
 * Validation rules an admin sets on an object's field; every write path (create, update, bulk, import,
 * merge) enforces them through the engine's validate hooks.
 */
const ruleBase = {
  object: z.string().min(1).max(100),
  field: z.string().min(1).max(100),
  /** what the writer is told beside the field; a default message says what the rule asks otherwise */
  message: z.string().trim().min(1).max(200).optional(),
};
const regexSource = z
  .string()
  .min(1)
  .max(500)
  .refine((s) => {
    try {
      new RegExp(s, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'is not a valid regular expression');

export const validationRuleInput = z.discriminatedUnion('kind', [
  z.object({ ...ruleBase, kind: z.literal('required') }).strict(),
  z.object({ ...ruleBase, kind: z.literal('pattern'), pattern: regexSource }).strict(),
  z
    .object({ ...ruleBase, kind: z.literal('range'), min: z.number().optional(), max: z.number().optional() })
    .strict()
    .refine((r) => r.min !== undefined || r.max !== undefined, { message: 'needs min or max', path: ['min'] })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
      message: 'must not be above max',
      path: ['min'],
    }),
  /** the field is required when `whenField` equals `whenValue` (or, without `whenValue`, has any value) */
  z
    .object({
      ...ruleBase,
      kind: z.literal('requiredIf'),
      whenField: z.string().min(1).max(100),
      whenValue: z.union([z.string().max(500), z.number(), z.boolean()]).optional(),
    })
    .strict(),
  /** the field's date or time must not be before `otherField`'s (a close date after the creation) */
  z.object({ ...ruleBase, kind: z.literal('notBefore'), otherField: z.string().min(1).max(100) }).strict(),
  /** the text's length in characters: at least `min`, at most `max` */
  z
    .object({
      ...ruleBase,
      kind: z.literal('length'),
      min: z.number().int().min(0).max(100_000).optional(),
      max: z.number().int().min(1).max(100_000).optional(),
    })
    .strict()
    .refine((r) => r.min !== undefined || r.max !== undefined, { message: 'needs min or max', path: ['min'] })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
      message: 'must not be above max',
      path: ['min'],
    }),
  /** the value (each item of a list) must be one of `values`, exactly as written there */
  z
    .object({
      ...ruleBase,
      kind: z.literal('allowedValues'),
      values: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
    })
    .strict()
    .refine((r) => new Set(r.values).size === r.values.length, {
      message: 'lists a value twice',
      path: ['values'],
    }),
  /** a blocking duplicate rule: no two records share the value (case and outer spaces aside); refused with 409 */
  z.object({ ...ruleBase, kind: z.literal('unique') }).strict(),
]);
export type ValidationRuleInput = z.infer<typeof validationRuleInput>;

export const validationRule = z.intersection(
  validationRuleInput,
  z.object({ id: z.uuid(), createdAt: z.string() }),
);
export type ValidationRule = z.infer<typeof validationRule>;

export const validationRulesQuery = z.object({ object: z.string().min(1).max(100).optional() }).strict();
export const validationRulesAnswer = z.object({ data: z.array(validationRule) });

/** Where a field's current value came from: the last change to it, by whom, through what, and when. */
export const fieldProvenance = z.object({
  field: z.string(),
  /** when the value was last changed */
  at: z.string(),
  /** whole days since then */
  ageDays: z.number().int(),
  /** older than the object's `staleAfterMonths`: possibly out of date */
  stale: z.boolean(),
  source: z.string(),
  actor: z.object({ type: z.string(), name: z.string() }),
  import: z.object({ id: z.uuid(), fileName: z.string(), row: z.number().int().nullable() }).optional(),
  merge: z.object({ id: z.uuid(), mergedIds: z.array(z.uuid()) }).optional(),
  /** where else it came from, in words: a captured email, with its activity to open */
  origin: z.object({ label: z.string(), activityId: z.uuid().optional() }).optional(),
});
export type FieldProvenance = z.infer<typeof fieldProvenance>;
export const provenanceAnswer = z.object({ data: z.array(fieldProvenance) });

/** How complete an object's records are: the share of records with each field that matters filled. */
export const objectQuality = z.object({
  object: z.string(),
  records: z.number().int(),
  /** the average record score, 0 to 100 */
  score: z.number(),
  duplicatesWaiting: z.number().int(),
  /** records not changed for `staleMonths` months (default 6) */
  stale: z.number().int(),
  staleMonths: z.number().int(),
  fields: z.array(z.object({ field: z.string(), filled: z.number().int(), share: z.number() })),
});
export type ObjectQuality = z.infer<typeof objectQuality>;

/**
 * One check of stored values: an admin's validation rule, or the built-in format of a field's type (an
 * email with an @ and a domain, a phone in international form, a select value among its options).
 */
export const invalidCheck = z.object({
  /** `rule:<rule id>` or `format:<field>`: what the drill-down (`/invalid?check=`) asks for */
  id: z.string(),
  field: z.string(),
  kind: z.enum([
    'required',
    'requiredIf',
    'pattern',
    'range',
    'length',
    'allowedValues',
    'notBefore',
    'unique',
    'format',
  ]),
  ruleId: z.uuid().nullable(),
  /** what a record breaking it is told */
  message: z.string(),
  /** live records the caller may see that break it; null when it could not be checked */
  records: z.number().int().nullable(),
  /** why it was not checked (a pattern PostgreSQL cannot run exactly as written) */
  notChecked: z.string().nullable(),
});
export type InvalidCheck = z.infer<typeof invalidCheck>;

/** The object view's answer: completeness, and the stored values that break the rules as they are now. */
export const objectQualityAnswer = objectQuality.extend({
  invalid: z.object({
    /** records breaking at least one of the checks */
    records: z.number().int(),
    checks: z.array(invalidCheck),
  }),
});
export type ObjectQualityAnswer = z.infer<typeof objectQualityAnswer>;

const checkId = z
  .string()
  .regex(/^(rule:[0-9a-f-]{36}|format:[A-Za-z][A-Za-z0-9_.]{0,80})$/, 'must be rule:<id> or format:<field>');
export const invalidRecordsQuery = z
  .object({
    check: checkId,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.uuid().optional(),
  })
  .strict();
/** The records breaking one check, by id: a page, and the cursor of the next. */
export const invalidRecords = z.object({
  data: z.array(z.object({ id: z.uuid(), title: z.string(), value: z.unknown() })),
  nextCursor: z.uuid().nullable(),
});
export type InvalidRecords = z.infer<typeof invalidRecords>;

export const qualityQuery = z
  .object({ staleMonths: z.coerce.number().int().min(1).max(120).default(6) })
  .strict();
export const qualityGroupsQuery = qualityQuery
  .extend({ by: z.enum(['owner', 'team']).default('owner') })
  .strict();

/** Completeness of one owner's (or team's) records: who has data to fill in, and how stale theirs is. */
export const qualityGroup = z.object({
  /** the owner's or team's id; null for records without an owner, or owners without a team */
  id: z.uuid().nullable(),
  name: z.string(),
  records: z.number().int(),
  score: z.number(),
  stale: z.number().int(),
  fields: z.array(z.object({ field: z.string(), filled: z.number().int(), share: z.number() })),
});
export type QualityGroup = z.infer<typeof qualityGroup>;
export const qualityGroups = z.object({ data: z.array(qualityGroup) });

/** A record's score (0 to 100: the share of the fields that matter it has) and what would raise it. */
export const recordQuality = z.object({ id: z.uuid(), score: z.number(), missing: z.array(z.string()) });
/** A record's own answer adds the values it holds that break a check, and what each is told. */
export const invalidValue = z.object({ field: z.string(), check: z.string(), message: z.string() });
export type InvalidValue = z.infer<typeof invalidValue>;

/** An email to a contact's address that came back undelivered. */
export const emailBounce = z.object({ address: z.string(), at: z.string(), reason: z.string() });
export type EmailBounce = z.infer<typeof emailBounce>;
/** A contact's answer adds how reachable they are by email. */
export const contactQuality = recordQuality.extend({
  /** the values that break a validation rule or their field's format, to fix */
  invalid: z.array(invalidValue).optional(),
  /** newest first, at most 10 */
  emailBounces: z.array(emailBounce).optional(),
  /** set when the contact sent 3 or more emails but none for 6 months */
  emailsStopped: z
    .object({ inboundEmails: z.number().int(), lastInboundAt: z.string() })
    .nullable()
    .optional(),
});
export type ContactQuality = z.infer<typeof contactQuality>;

export const trendQuery = z.object({ days: z.coerce.number().int().min(1).max(730).default(90) }).strict();
/** One day's figures of an object. */
export const qualitySnapshot = z.object({
  day: z.string(),
  records: z.number().int(),
  score: z.number(),
  stale: z.number().int(),
  duplicatesWaiting: z.number().int(),
  fields: z.array(z.object({ field: z.string(), share: z.number() })),
});
export type QualitySnapshot = z.infer<typeof qualitySnapshot>;
export const qualityTrend = z.object({
  object: z.string(),
  /** oldest day first */
  data: z.array(qualitySnapshot),
  /** the latest score minus the score of the latest day at least 30 days before it; null without such a day */
  scoreChange30Days: z.number().nullable(),
});
export type QualityTrend = z.infer<typeof qualityTrend>;
export const snapshotInput = z.object({ object: z.string().min(1).max(100).optional() }).strict();
export const snapshotAnswer = z.object({ day: z.string(), objects: z.array(z.string()) });
export type RecordQuality = z.infer<typeof recordQuality>;

export const worstRecordsQuery = z
  .object({
    object: z.string().min(1).max(100),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const worstRecords = z.object({
  data: z.array(recordQuality.extend({ title: z.string() })),
});
