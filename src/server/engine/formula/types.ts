import type { SQL } from 'drizzle-orm';
import type { FieldType } from '../../../common/metadata';

/** The types a formula computes; `null` is the type of the literal null only, which fits any other. */
export type ValueType = 'number' | 'money' | 'text' | 'boolean' | 'date' | 'datetime';
export type FormulaType = ValueType | 'null';

/** The PostgreSQL type of each value type: numbers and money are numeric, never float8. */
export const sqlTypes: Record<ValueType, string> = {
  number: 'numeric',
  money: 'numeric',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
};

/** How a stored field of each type reads in a formula; absent types (addresses, lists) cannot. */
export const valueTypeOfField: Partial<Record<FieldType, ValueType>> = {
  text: 'text',
  longtext: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  domain: 'text',
  select: 'text',
  reference: 'text',
  number: 'number',
  integer: 'number',
  money: 'money',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

/** A field as a formula sees it: its value type and its typed SQL. */
export interface FormulaOperand {
  type: ValueType;
  sql: SQL;
}

/** Where a formula looks up the names it uses; it throws a FormulaError for a name it refuses. */
export interface FormulaScope {
  field(name: string, at: number): FormulaOperand;
}
