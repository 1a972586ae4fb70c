import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../../server/engine';
import type { ImportMapping, ImportMatch, ImportRowError, ImportStatus } from '../contract';

/** An import: its stored file, options, progress (the checkpoint a resumed job starts from) and counts. */
export const imports = pgTable(
  'imports',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    object: text('object').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format').$type<'csv' | 'xlsx' | 'vcard'>().notNull(),
    status: text('status').$type<ImportStatus>().notNull().default('queued'),
    dryRun: boolean('dry_run').notNull().default(false),
    mapping: jsonb('mapping').$type<ImportMapping>().notNull(),
    match: jsonb('match').$type<ImportMatch | null>(),
    total: integer('total'),
    /** the last file row whose batch committed: a resumed job goes on after it */
    checkpointRow: integer('checkpoint_row').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    /** deals a contacts import created from its `deal.<field>` columns (would create, in a dry run) */
    dealsCreated: integer('deals_created').notNull().default(0),
    /** rows whose new record is likely a duplicate of an earlier one (quality's rules) */
    possibleDuplicates: integer('possible_duplicates').notNull().default(0),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    failure: text('failure'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    primaryKey({ name: 'imports_pkey', columns: [t.workspaceId, t.id] }),
    index('imports_created_idx').on(t.workspaceId, t.createdAt),
  ],
);

/** The outcome of every row of an import: the log users download, and the errors the status shows. */
export const importRows = pgTable(
  'import_rows',
  {
    workspaceId: uuid('workspace_id').notNull(),
    importId: uuid('import_id').notNull(),
    row: integer('row').notNull(),
    outcome: text('outcome').$type<'created' | 'updated' | 'skipped' | 'rejected'>().notNull(),
    recordId: uuid('record_id'),
    errors: jsonb('errors')
      .$type<Omit<ImportRowError, 'row'>[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    note: text('note'),
    /** the deal the row's contact was given a role in (created or found) */
    dealId: uuid('deal_id'),
    /** the earlier record the row's new record is likely a duplicate of */
    duplicateOf: uuid('duplicate_of'),
  },
  (t) => [
    primaryKey({ name: 'import_rows_pkey', columns: [t.workspaceId, t.importId, t.row] }),
    // Provenance: the row of an import a record's values came from.
    index('import_rows_record_idx').on(t.workspaceId, t.importId, t.recordId),
  ],
);

/**
 * Every record an import created or changed, once each: what undo removes, and for changed ones the
 * values the import overwrote (taken from the history entry of its write).
 */
export const importChanges = pgTable(
  'import_changes',
  {
    workspaceId: uuid('workspace_id').notNull(),
    importId: uuid('import_id').notNull(),
    object: text('object').notNull(),
    recordId: uuid('record_id').notNull(),
    created: boolean('created').notNull(),
    previous: jsonb('previous')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [
    primaryKey({ name: 'import_changes_pkey', columns: [t.workspaceId, t.importId, t.object, t.recordId] }),
  ],
);

/** A mapping saved to be used again for the next file of the same shape. */
export const importMappings = pgTable(
  'import_mappings',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    object: text('object').notNull(),
    name: text('name').notNull(),
    mapping: jsonb('mapping').$type<ImportMapping>().notNull(),
    match: jsonb('match').$type<ImportMatch | null>(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'import_mappings_pkey', columns: [t.workspaceId, t.id] }),
    index('import_mappings_object_idx').on(t.workspaceId, t.object, t.name),
  ],
);

/**
 * Photos of contacts kept from vCard files (PHOTO, inline base64 or a data: URI; JPEG, PNG, GIF or
 * WebP by their bytes), the file in the platform's file store under `storage_key`. An undo of the
 * import removes them.
 */
export const importPhotos = pgTable(
  'import_photos',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    importId: uuid('import_id').notNull(),
    /** the contact the photo is of */
    recordId: uuid('record_id').notNull(),
    row: integer('row').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'import_photos_pkey', columns: [t.workspaceId, t.id] }),
    index('import_photos_record_idx').on(t.workspaceId, t.recordId, t.createdAt),
    index('import_photos_import_idx').on(t.workspaceId, t.importId),
  ],
);
