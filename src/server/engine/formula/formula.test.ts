import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/database';
import { createTestDb } from '../../testing';
import { formulaSql } from './formula';
import { FormulaError } from './tokens';
import { sqlTypes, type FormulaScope, type ValueType } from './types';

/** An account-like record: each field a typed parameter, so formulas evaluate in PostgreSQL as they would on a table. */
const record: Record<string, [ValueType, string | null]> = {
  employees: ['number', '120'],
  none: ['number', null],
  revenue: ['money', '2500000.50'],
  name: ['text', 'Acme'],
  nickname: ['text', null],
  active: ['boolean', 'true'],
  closeDate: ['date', '2026-01-31'],
  createdAt: ['datetime', '2026-03-01T23:30:00Z'],
};

const scope: FormulaScope = {
  field(name, at) {
    const found = record[name];
    if (!found) throw new FormulaError(`unknown field "${name}"`, at);
    const [type, value] = found;
    return { type, sql: sql`${value}::${sql.raw(sqlTypes[type])}` };
  },
};

function refusal(expression: string): string {
  try {
    formulaSql(expression, scope);
  } catch (error) {
    if (error instanceof FormulaError) return error.message;
    throw error;
  }
  throw new Error(`${expression} was accepted`);
}

let db: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.drop());

/** The formula's type and its value as PostgreSQL's text (null for null). */
async function evaluate(expression: string): Promise<[ValueType, string | null]> {
  const { type, sql: compiled } = formulaSql(expression, scope);
  const [row] = await db.read((x) => rows<{ v: string | null }>(x, sql`SELECT (${compiled})::text AS v`));
  return [type, row.v];
}

describe('formula errors, each with its column', () => {
  it.each([
    ['foo + 1', 'unknown field "foo" at 1'],
    ['employees + "x"', 'expected a number at 13'],
    ['if(true, 1)', 'if takes 3 arguments at 1'],
    ['1 +', 'expected a value but found the end at 4'],
    ['(1 + 2', 'expected ")" but found the end at 7'],
    ['1 @ 2', 'unexpected character "@" at 3'],
    ['"abc', 'unterminated text at 1'],
    ['1 2', 'unexpected "2" at 3'],
    ['1 < 2 < 3', 'comparisons do not chain: use and at 7'],
    ['frob(1)', 'unknown function "frob" at 1'],
    ['if(employees, 1, 2)', 'expected a true/false condition at 4'],
    ['if(true, 1, "x")', 'expected a number at 13'],
    ['not employees', 'expected a true/false value at 5'],
    ['active and 1', 'expected a true/false value at 12'],
    ['case(name, "a", 1, 2, 3)', 'case takes a value, pairs of match and result, and a default at 1'],
    ['case(name, 1, "one", "other")', 'expected a text at 12'],
    ['round(name)', 'expected a number at 7'],
    ['len(employees)', 'expected text at 5'],
    ['min(closeDate, 3)', 'expected a date at 16'],
    ['year(name)', 'expected a date at 6'],
    [
      'date_add(closeDate, 1, "fortnights")',
      'expected a unit: "days", "weeks", "months", "years", "hours" or "minutes" at 24',
    ],
    ['date_add(closeDate, 2, "hours")', 'a date moves by days, weeks, months or years at 24'],
    ['today(1)', 'today takes 0 arguments at 1'],
    ['coalesce(name)', 'coalesce takes at least 2 arguments at 1'],
    ['round(1, 2, 3)', 'round takes 1 to 2 arguments at 1'],
    ['null', 'the formula is always empty at 1'],
    ['   ', 'the formula is empty at 1'],
  ])('%s', (expression, message) => {
    expect(refusal(expression)).toBe(message);
  });

  it('caps the length, the nesting and the number of parts', () => {
    expect(refusal(`${'1 + '.repeat(500)}1`)).toBe('a formula has at most 2000 characters at 2001');
    expect(refusal(`${'('.repeat(50)}1${')'.repeat(50)}`)).toBe('a formula nests at most 40 deep at 41');
    expect(refusal(`${'-'.repeat(50)}1`)).toBe('a formula nests at most 40 deep at 41');
    expect(refusal(Array(500).fill('1').join('+'))).toBe('a formula has at most 400 parts at 1');
  });
});

describe('formula SQL', () => {
  const dialect = new PgDialect();

  it('binds every literal as a parameter and divides through NULLIF', () => {
    const { sql: compiled } = formulaSql(`if(name = "O'Brien; DROP TABLE x", 1 / 0, 2)`, scope);
    const query = dialect.sqlToQuery(compiled);
    expect(query.sql).not.toContain('Brien');
    expect(query.sql).toContain('NULLIF(');
    expect(query.params).toEqual(['Acme', "O'Brien; DROP TABLE x", '1', '0', '2']);
  });
});

describe('formula values', () => {
  it.each([
    ['1 + 2 * 3', ['number', '7']],
    ['(1 + 2) * 3', ['number', '9']],
    ['-2 * 3 - -1', ['number', '-5']],
    ['10 - 4 - 3', ['number', '3']],
    ['12 / 3 / 2', ['number', '2.0000000000000000']],
    ['not false or false', ['boolean', 'true']],
    ['not (false or true)', ['boolean', 'false']],
    ['true or false and false', ['boolean', 'true']],
    ['1 < 2 and "b" >= "a"', ['boolean', 'true']],
    ['"n" & 1 + 2', ['text', 'n3']],
    ['employees * 2', ['number', '240']],
    ['employees / 0', ['number', null]],
    ['none / employees', ['number', null]],
    ['revenue * 2', ['money', '5000001.00']],
    ['revenue / employees > 20833', ['boolean', 'true']],
    ['round(revenue / 3, 2)', ['money', '833333.50']],
    ['revenue / 3', ['money', '833333.50']],
    ['revenue / 7 * 7', ['money', '2500000.50']],
    ['revenue / revenue', ['number', '1.00000000000000000000']],
    ['round(2.345, 2)', ['number', '2.35']],
    ['abs(-3) + floor(2.7) + ceil(2.1)', ['number', '8']],
    ['max(1, employees, 7)', ['number', '120']],
    ['min(closeDate, createdAt)', ['datetime', '2026-01-31 00:00:00+00']],
    ['if(revenue > 1000000, "large", "small")', ['text', 'large']],
    ['if(none > 5, "big", "small")', ['text', 'small']],
    ['if(active, employees, null)', ['number', '120']],
    ['case(name, "Acme", 1, "Other", 2, 0)', ['number', '1']],
    ['case(nickname, "Acme", 1, 0)', ['number', '0']],
    ['nickname & " Ltd"', ['text', ' Ltd']],
    [
      'concat(name, " / ", nickname, " / ", employees, " / ", active, " / ", createdAt)',
      ['text', 'Acme /  / 120 / true / 2026-03-01T23:30:00Z'],
    ],
    ['coalesce(nickname, name)', ['text', 'Acme']],
    ['coalesce(none, 0) + 1', ['number', '1']],
    ['isblank(nickname) and not isblank(name) and isblank(none)', ['boolean', 'true']],
    ['len(nickname) + len(name)', ['number', '4']],
    ['upper(name) & lower(name) & trim("  x  ")', ['text', 'ACMEacmex']],
    ['left(name, 2) & right(name, 1)', ['text', 'Ace']],
    ['contains(name, "CM")', ['boolean', 'true']],
    ['nickname = null', ['boolean', null]],
    ['year(closeDate) * 100 + month(closeDate)', ['number', '202601']],
    ['day(createdAt)', ['number', '1']],
    ['date_add(closeDate, 1, "months")', ['date', '2026-02-28']],
    ['date_add(createdAt, 1, "hours")', ['datetime', '2026-03-02 00:30:00+00']],
    ['days_between(closeDate, createdAt)', ['number', '29']],
    ['days_between(closeDate, today()) > 0 and now() > createdAt', ['boolean', 'true']],
  ] as [string, [ValueType, string | null]][])('%s', async (expression, expected) => {
    expect(await evaluate(expression)).toEqual(expected);
  });
});
