import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { FieldAccess, RollupDefinition, SelectOption, VisibilityScope } from '../../common/metadata';
import { recordColumns, recordIndexes, timestamptz } from './columns';

/** Field-level history: one row per change of one record, in the transaction of the change. */
export const recordHistory = pgTable(
  'record_history',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    object: text('object').notNull(),
    recordId: uuid('record_id').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    source: text('source').notNull(),
    /** the import or merge a change came from (`imports/<id>`), when it came from one */
    sourceRef: text('source_ref'),
    changes: jsonb('changes').$type<{ field: string; from: unknown; to: unknown }[]>().notNull(),
  },
  (t) => [
    primaryKey({ name: 'record_history_pkey', columns: [t.workspaceId, t.id] }),
    index('record_history_record_idx').on(t.workspaceId, t.object, t.recordId, t.id),
    // A record's lifecycle changes, for first touch in prospect to payment (orders' prospectToPayment.ts).
    index('record_history_lifecycle_idx')
      .on(t.workspaceId, t.object, t.recordId, t.at)
      .where(sql`${t.changes} @> '[{"field": "lifecycleStage"}]'::jsonb`),
  ],
);

/** Keyed by principal (a user or an API key): one caller's key never answers another's request. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    workspaceId: uuid('workspace_id').notNull(),
    principal: text('principal').notNull().default(''),
    key: text('key').notNull(),
    object: text('object').notNull(),
    requestHash: text('request_hash').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'idempotency_keys_pkey', columns: [t.workspaceId, t.principal, t.object, t.key] }),
  ],
);

export const fieldDefinitions = pgTable(
  'field_definitions',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    object: text('object').notNull(),
    name: text('name').notNull(),
    label: text('label').notNull(),
    type: text('type').notNull(),
    options: jsonb('options').$type<SelectOption[]>(),
    reference: text('reference'),
    required: boolean('required').notNull().default(false),
    retired: boolean('retired').notNull().default(false),
    help: text('help'),
    example: text('example'),
    timeline: boolean('on_timeline').notNull().default(true),
    /** a formula field's expression */
    expression: text('expression'),
    /** a rollup field's definition */
    rollup: jsonb('rollup').$type<RollupDefinition>(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'field_definitions_pkey', columns: [t.workspaceId, t.id] }),
    unique('field_definitions_name_key').on(t.workspaceId, t.object, t.name),
  ],
);

export const customObjects = pgTable(
  'custom_objects',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    label: text('label').notNull(),
    labelPlural: text('label_plural').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'custom_objects_pkey', columns: [t.workspaceId, t.id] }),
    unique('custom_objects_name_key').on(t.workspaceId, t.name),
  ],
);

/** Records of every custom object: one generic table, fields in `custom`. */
export const customRecords = pgTable(
  'custom_records',
  {
    ...recordColumns(['name']),
    objectName: text('object_name').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    ...recordIndexes('custom_records', t),
    index('custom_records_object_name_idx')
      .on(t.workspaceId, t.objectName, t.name, t.id)
      .where(sql`deleted_at IS NULL`),
    // A custom object's field values by containment (`custom @> '{"email": "…"}'`): its exact duplicate
    // and unique rules look records up by their email, phone or domain here.
    index('custom_records_custom_idx')
      .using('gin', sql`${t.custom} jsonb_path_ops`)
      .where(sql`deleted_at IS NULL`),
  ],
);

export const objectSettings = pgTable(
  'object_settings',
  {
    workspaceId: uuid('workspace_id').notNull(),
    object: text('object').notNull(),
    visibility: text('visibility').$type<VisibilityScope>().notNull(),
  },
  (t) => [primaryKey({ name: 'object_settings_pkey', columns: [t.workspaceId, t.object] })],
);

export const usageEvents = pgTable(
  'usage_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id'),
    object: text('object'),
    action: text('action').notNull(),
    recordId: uuid('record_id'),
    at: timestamptz('at').notNull(),
    count: integer('count').notNull().default(1),
  },
  (t) => [
    primaryKey({ name: 'usage_events_pkey', columns: [t.workspaceId, t.id] }),
    index('usage_events_at_idx').on(t.workspaceId, t.at),
    // A user's recently viewed records: the newest of their record views, a few index entries.
    index('usage_events_views_idx')
      .on(t.workspaceId, t.userId, t.at)
      .where(sql`action = 'view' AND record_id IS NOT NULL`),
  ],
);

/**
 * An admin's settings for one field, standard or custom: which roles may see or change it, and the
 * options of a built-in select field where the admin changed them.
 */
export const fieldSettings = pgTable(
  'field_settings',
  {
    workspaceId: uuid('workspace_id').notNull(),
    object: text('object').notNull(),
    field: text('field').notNull(),
    access: jsonb('access').$type<FieldAccess>().notNull().default({}),
    options: jsonb('options').$type<SelectOption[]>(),
    timeline: boolean('on_timeline'),
  },
  (t) => [primaryKey({ name: 'field_settings_pkey', columns: [t.workspaceId, t.object, t.field] })],
);
