import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../../server/engine';

/** An admin's rule that adds (or takes) points to a lead's fit or engagement score. */
export const leadScoringRules = pgTable(
  'lead_scoring_rules',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    label: text('label').notNull(),
    kind: text('kind').$type<'fit' | 'engagement'>().notNull(),
    points: integer('points').notNull(),
    /** `{field, op, value}` on the lead (contact) */
    condition: jsonb('condition'),
    /** `{types, direction?, withinDays, atLeast}`: recent activity linked to the lead */
    activity: jsonb('activity'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'lead_scoring_rules_pkey', columns: [t.workspaceId, t.id] })],
);

/**
 * Who gets a new lead: the first active rule by priority whose filter the lead matches assigns it to a
 * user, or to a team's members in turn. `turns` is the round-robin counter, moved under the row's lock
 * in the transaction that creates the lead, so concurrent creates take different turns.
 */
export const leadAssignmentRules = pgTable(
  'lead_assignment_rules',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    priority: integer('priority').notNull(),
    filter: jsonb('filter'),
    userId: uuid('user_id'),
    teamId: uuid('team_id'),
    active: boolean('active').notNull().default(true),
    turns: integer('turns').notNull().default(0),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'lead_assignment_rules_pkey', columns: [t.workspaceId, t.id] }),
    index('lead_assignment_rules_priority_idx').on(t.workspaceId, t.priority, t.id),
  ],
);
