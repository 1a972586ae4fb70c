import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { check } from './checker';
import { compileFormula } from './compiler';
import { parseFormula } from './parser';
import { FormulaError } from './tokens';
import type { FormulaScope, ValueType } from './types';

/** Formulas inline the formulas they use, so the SQL of one is capped as a whole as well as its text. */
export const maxCompiledLength = 40_000;
export const maxParameters = 500;

const dialect = new PgDialect();

/** Parses, type-checks and compiles a formula; throws a FormulaError with the column of the first error. */
export function formulaSql(expression: string, scope: FormulaScope): { type: ValueType; sql: SQL } {
  const checked = check(parseFormula(expression), scope);
  if (checked.type === 'null') throw new FormulaError('the formula is always empty', 1);
  const compiled = compileFormula(checked);
  const query = dialect.sqlToQuery(compiled);
  if (query.sql.length > maxCompiledLength || query.params.length > maxParameters)
    throw new FormulaError('the formula, with the formulas it uses, is too large', 1);
  return { type: checked.type, sql: compiled };
}
