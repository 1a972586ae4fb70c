import { sql } from 'drizzle-orm';
import {
  customType,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  uuid,
  type PgColumn,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** Columns every record table has, whatever its object: identity, version, ownership, bin, custom fields, search. */
export function recordColumns() {
  return {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    version: integer('version').notNull().default(1),
    ownerId: uuid('owner_id'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
    deletedAt: timestamptz('deleted_at'),
    deletedBy: uuid('deleted_by'),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
  };
}

interface RecordTableColumns {
  workspaceId: PgColumn;
  id: PgColumn;
  ownerId: PgColumn;
  createdAt: PgColumn;
  updatedAt: PgColumn;
  searchText: PgColumn;
  searchVector: PgColumn;
}

/** The condition of partial indexes over records that are not in the recycle bin. */
export const live = sql`deleted_at IS NULL`;

/** The key and indexes every record table needs for lists, ownership filters and search. */
export function recordIndexes(table: string, t: RecordTableColumns) {
  return [
    primaryKey({ name: `${table}_pkey`, columns: [t.workspaceId, t.id] }),
    index(`${table}_created_idx`).on(t.workspaceId, t.createdAt, t.id).where(live),
    index(`${table}_updated_idx`).on(t.workspaceId, t.updatedAt, t.id).where(live),
    index(`${table}_owner_idx`).on(t.workspaceId, t.ownerId).where(live),
    index(`${table}_search_trgm_idx`).using('gin', sql`${t.searchText} gin_trgm_ops`),
    index(`${table}_search_fts_idx`).using('gin', t.searchVector),
  ];
}
