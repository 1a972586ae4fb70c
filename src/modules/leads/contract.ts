import { z } from 'zod';
import { filterNode, filterOperators } from '../../common/pagination';
import { activityTypes, directions } from '../activities/contract';

export const scoreKinds = ['fit', 'engagement'] as const;
export type ScoreKind = (typeof scoreKinds)[number];

/** "At least N activities of these types (and direction) linked to the lead in the last D days". */
export const recentActivityCondition = z
  .object({
    types: z.array(z.enum(activityTypes)).min(1).max(activityTypes.length),
    direction: z.enum(directions).optional(),
    withinDays: z.number().int().min(1).max(3650),
    atLeast: z.number().int().min(1).max(1000).default(1),
  })
  .strict();

/** A lead's field compared with a value, in the filter language of lists (`accountId.industry` follows the account). */
export const fieldCondition = z
  .object({ field: z.string().min(1).max(300), op: z.enum(filterOperators), value: z.unknown().optional() })
  .strict();

const ruleFields = {
  label: z.string().trim().min(1).max(200),
  kind: z.enum(scoreKinds),
  points: z.number().int().min(-1000).max(1000),
};

/** An admin's scoring rule: a field condition, or (for engagement) recent activity. */
export const scoringRuleInput = z
  .object({
    ...ruleFields,
    condition: fieldCondition.optional(),
    activity: recentActivityCondition.optional(),
  })
  .strict()
  .refine((r) => (r.condition ? 1 : 0) + (r.activity ? 1 : 0) === 1, {
    message: 'give either a field condition or an activity condition',
    path: ['condition'],
  });
export type ScoringRuleInput = z.infer<typeof scoringRuleInput>;

export const scoringRulePatch = z
  .object({
    label: ruleFields.label.optional(),
    kind: ruleFields.kind.optional(),
    points: ruleFields.points.optional(),
    condition: fieldCondition.optional(),
    activity: recentActivityCondition.optional(),
  })
  .strict();

export const scoringRule = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(scoreKinds),
  points: z.number().int(),
  condition: fieldCondition.nullable(),
  activity: recentActivityCondition.nullable(),
  createdAt: z.string(),
});
export type ScoringRule = z.infer<typeof scoringRule>;

export const scoreReason = z.object({ label: z.string(), points: z.number().int() });
export type ScoreReason = z.infer<typeof scoreReason>;

export const leadScore = z.object({
  score: z.number().int(),
  fit: z.number().int(),
  engagement: z.number().int(),
  reasons: z.array(scoreReason),
});
export type LeadScore = z.infer<typeof leadScore>;

/** Where a matching lead goes: one user, or a team's members in turn (round-robin). */
const assignee = {
  userId: z.uuid().nullable().optional(),
  teamId: z.uuid().nullable().optional(),
};

export const assignmentRuleInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    priority: z.number().int().min(0).max(100000),
    /** territory: which leads the rule takes (contact fields, `accountId.billingAddress…` follows the account); none: every lead */
    filter: filterNode.optional(),
    ...assignee,
    active: z.boolean().default(true),
  })
  .strict()
  .refine((r) => Boolean(r.userId) !== Boolean(r.teamId), {
    message: 'give either a userId or a teamId',
    path: ['userId'],
  });
export type AssignmentRuleInput = z.infer<typeof assignmentRuleInput>;

export const assignmentRulePatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    priority: z.number().int().min(0).max(100000).optional(),
    filter: filterNode.nullable().optional(),
    ...assignee,
    active: z.boolean().optional(),
  })
  .strict();

export const assignmentRule = z.object({
  id: z.string(),
  name: z.string(),
  priority: z.number().int(),
  filter: z.unknown().nullable(),
  userId: z.string().nullable(),
  teamId: z.string().nullable(),
  active: z.boolean(),
  /** how many leads the rule has assigned */
  assigned: z.number().int(),
});
export type AssignmentRule = z.infer<typeof assignmentRule>;

export const leadQueueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const queuedLead = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  leadStatus: z.string(),
  leadSource: z.string().nullable(),
  capturedAt: z.string(),
  ageMinutes: z.number().int(),
  touched: z.boolean(),
  firstTouchAt: z.string().nullable(),
  score: z.number().int(),
  reasons: z.array(scoreReason),
});
export type QueuedLead = z.infer<typeof queuedLead>;

export const leadQueue = z.object({ data: z.array(queuedLead), nextCursor: z.string().nullable() });
export type LeadQueue = z.infer<typeof leadQueue>;

export const speedGroupings = ['owner', 'team'] as const;

const reportDay = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2999-12-31', 'is out of range');

export const speedQuery = z.object({
  from: reportDay,
  to: reportDay,
  by: z.enum(speedGroupings).default('owner'),
});

export const speedRow = z.object({
  key: z.string().nullable(),
  name: z.string(),
  leads: z.number().int(),
  touched: z.number().int(),
  untouched: z.number().int(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
});
export type SpeedRow = z.infer<typeof speedRow>;

export const speedToLead = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(speedGroupings),
  rows: z.array(speedRow),
  totals: speedRow,
});
export type SpeedToLead = z.infer<typeof speedToLead>;
