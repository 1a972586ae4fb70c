import type { BuildColumns, BuildExtraConfigColumns, NotNull, SQL } from 'drizzle-orm';
import {
  foreignKey,
  pgTable,
  type PgColumn,
  type PgColumnBuilderBase,
  type PgTable,
  type PgTableExtraConfigValue,
  type PgTableWithColumns,
} from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { FieldType, SelectOption, VisibilityScope } from '../../common/metadata';
import { recordColumns, recordIndexes } from './columns';
import type { ObjectHooks } from './lifecycle';
import { kindColumns } from './fieldKinds';

export interface FieldSpec {
  type: FieldType;
  label: string;
  required?: boolean;
  readOnly?: boolean;
  sortable?: boolean;
  filterable?: boolean;
  searchable?: boolean;
  placement?: 'list' | 'detail' | 'hidden';
  group?: string;
  options?: readonly SelectOption[];
  /** for reference fields: the plural API name of the object referred to */
  reference?: string;
  /** longest text accepted */
  max?: number;
  /** whether changes of this field show on timelines (default true); history keeps every change */
  timeline?: boolean;
  /** shown beside the field in forms: what it is for, what it is used for */
  help?: string;
  /** an example value, shown as the input's placeholder */
  example?: string;
  /** the column's name, where it is not the field's name in snake_case */
  column?: string;
  /** NOT NULL in the table: a rule for every row, where `required` is one for input */
  notNull?: boolean;
  /** numeric(precision, scale) of money and number columns; money is numeric(18, 2) unless given */
  precision?: number;
  scale?: number;
  /** for json fields: the zod schema of one value, which validates and normalises it */
  schema?: z.ZodType;
  /**
   * Fields of other objects this stored value is computed from (an order's margin from products' cost
   * prices): a role that may not see one of them does not see this either.
   */
  derivedFrom?: readonly { object: string; field: string }[];
  /** money in the workspace's base currency, whatever the record's own currency is */
  inBaseCurrency?: boolean;
}

/** An object declared once: its table, fields, and the little domain logic that is its own. */
export interface ObjectDeclaration {
  name: string;
  label: string;
  labelPlural: string;
  table: PgTable;
  titleField: string;
  subtitleField?: string;
  /** SQL on the table alias `t` for the title search shows, when it is more than one field (a contact's full name) */
  titleSql?: (t: SQL) => SQL;
  hasOwner: boolean;
  defaultVisibility: VisibilityScope;
  fields: Record<string, FieldSpec>;
  defaultSort: string;
  /** Extra row condition and column values (by column name), for objects that share a table (custom objects). */
  scope?: { condition: (t: SQL) => SQL; columns: Record<string, string> };
  hooks?: ObjectHooks;
  custom?: boolean;
  /**
   * Records with alike names are looked up within each duplicate context (the same account, email
   * domain or city) through an index on it, instead of through the names' trigram index, which reads
   * more the larger the table: set only where every context field has such an index.
   */
  duplicatesByContext?: boolean;
}

type Fields = Record<string, FieldSpec>;

/** A field that names its record (searchable text, a column of its own): typo-tolerant search compares these. */
export function isNameField(spec: FieldSpec, custom = false): boolean {
  return !custom && !!spec.searchable && spec.type === 'text';
}

/** `priceBooks` → `price_books`, as a type, so a table's name stays a literal. */
type SnakeCase<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeCase<Rest>}`
  : S;

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type KindColumns = typeof kindColumns;
type FieldColumn<S extends FieldSpec> = S extends { notNull: true }
  ? NotNull<ReturnType<KindColumns[S['type']]>>
  : ReturnType<KindColumns[S['type']]>;
type ObjectColumns<F extends Fields> = ReturnType<typeof recordColumns> & {
  [K in keyof F]: FieldColumn<F[K]>;
};

/** The Drizzle table an object's declaration builds: every column typed, under the object's name in snake_case. */
export type ObjectTable<N extends string, F extends Fields> = PgTableWithColumns<{
  name: SnakeCase<N>;
  schema: undefined;
  columns: BuildColumns<SnakeCase<N>, ObjectColumns<F>, 'pg'>;
  dialect: 'pg';
}>;

type ReferenceField<F extends Fields> = {
  [K in keyof F & string]: 'reference' extends F[K]['type'] ? K : never;
}[keyof F & string];

/** A declaration that builds its own table from its fields, rather than naming a shared one. */
export type StoredObjectInput<N extends string, F extends Fields> = Omit<
  ObjectDeclaration,
  'name' | 'fields' | 'table'
> & {
  name: N;
  fields: F;
  /**
   * Indexes beyond those of every record table (key, created, updated, owner, search). A method, not a
   * function property, so that every declaration's typed columns fit defineObject's general signature.
   */
  indexes?(t: BuildExtraConfigColumns<SnakeCase<N>, ObjectColumns<F>, 'pg'>): PgTableExtraConfigValue[];
  /**
   * Foreign keys of reference fields, by constraint name: (workspace_id, the field's column) refers to
   * (workspace_id, id) of `table`, or of this object's own table when none is given.
   */
  foreignKeys?: Record<
    string,
    { field: ReferenceField<F>; table?: () => { workspaceId: PgColumn; id: PgColumn } }
  >;
};

export type StoredObject<N extends string, F extends Fields> = Omit<
  ObjectDeclaration,
  'name' | 'fields' | 'table'
> & { name: N; fields: F; table: ObjectTable<N, F> };

function objectTable({ name, fields, indexes, foreignKeys }: StoredObjectInput<string, Fields>) {
  const tableName = snakeCase(name);
  const names = Object.entries(fields)
    .filter(([, spec]) => isNameField(spec))
    .map(([field, spec]) => spec.column ?? snakeCase(field));
  const columns: ReturnType<typeof recordColumns> & Record<string, PgColumnBuilderBase> =
    recordColumns(names);
  for (const [field, spec] of Object.entries(fields)) {
    const column = kindColumns[spec.type](spec.column ?? snakeCase(field), spec);
    columns[field] = spec.notNull ? column.notNull() : column;
  }
  return pgTable(tableName, columns, (t) => [
    ...recordIndexes(tableName, t),
    ...(indexes?.(t) ?? []),
    ...Object.entries(foreignKeys ?? {}).map(([key, { field, table }]) => {
      const target = table?.() ?? t;
      return foreignKey({
        name: key,
        columns: [t.workspaceId, t[field]],
        foreignColumns: [target.workspaceId, target.id],
      });
    }),
  ]);
}

/**
 * An object declared once: its fields build its table (each kind knows its column), so the table and
 * the metadata cannot disagree. Custom objects name the table they share instead.
 */
export function defineObject<const N extends string, const F extends Fields>(
  declaration: StoredObjectInput<N, F>,
): StoredObject<N, F>;
export function defineObject<const D extends ObjectDeclaration>(declaration: D): D;
export function defineObject(
  declaration: StoredObjectInput<string, Fields> | ObjectDeclaration,
): ObjectDeclaration {
  if ('table' in declaration) return declaration;
  return { ...declaration, table: objectTable(declaration) };
}
