import type { SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { FieldType, SelectOption, VisibilityScope } from '../../common/metadata';
import type { ObjectHooks } from './lifecycle';

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
}

export function defineObject<const D extends ObjectDeclaration>(declaration: D): D {
  return declaration;
}
