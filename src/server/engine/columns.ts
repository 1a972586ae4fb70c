import { sql, type SQL } from 'drizzle-orm';
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

/**
 * The names a record is known by, lowercase: its searchable text columns (a contact's first and last
 * name, an account's name). Typo-tolerant search compares these few words only.
 */
function namesOf(columns: string[]): SQL {
  // `||` and coalesce rather than concat_ws, which is not immutable and so not allowed here.
  const joined = columns.map((c) => `coalesce("${c}", '')`).join(` || ' ' || `);
  return sql.raw(columns.length ? `lower(trim(${joined}))` : `''`);
}

/**
 * Columns every record table has, whatever its object: identity, version, ownership, bin, custom
 * fields, search (`nameColumns` are the columns of its names, for typo-tolerant search).
 */
export function recordColumns(nameColumns: string[]) {
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
    searchNames: text('search_names').generatedAlwaysAs(namesOf(nameColumns)),
  };
}

interface RecordTableColumns {
  workspaceId: PgColumn;
  id: PgColumn;
  ownerId: PgColumn;
  createdAt: PgColumn;
  updatedAt: PgColumn;
  deletedAt: PgColumn;
  searchNames: PgColumn;
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
    index(`${table}_bin_idx`)
      .on(t.workspaceId, t.deletedAt, t.id)
      .where(sql`deleted_at IS NOT NULL`),
    // Trigrams of the names only (a few words): cheap to keep up on write, quick to search with typos.
    // Words, emails, domains and phone digits are found by their prefixes in the full-text index.
    // No pending list (fastupdate off): after 100,000 updates it held 13,000 entries that every typo
    // search read through one by one; names are short, so adding each straight to the tree is cheap.
    index(`${table}_names_trgm_idx`)
      .using('gin', sql`${t.searchNames} gin_trgm_ops`)
      .with({ fastupdate: false }),
    index(`${table}_search_fts_idx`).using('gin', t.searchVector),
  ];
}
