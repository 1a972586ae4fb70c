import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../server/db/database';
import type { ResolvedField, ResolvedObject } from '../../../server/engine';
import { tableAlias } from '../../../server/engine';
import { arrayItem, keySql } from '../../imports/server';
import type { InvalidCheck, ValidationRule } from '../contract';
import { jsWhitespace, patternSql } from './patternSql';
import { objectRules, ruleMessage } from './validationRules';

/**
 * Stored values judged against the rules as they are now: each admin rule, and the built-in format of
 * email, phone, domain, web address and select fields (and custom fields' numbers and dates, which
 * JSONB does not type), compiled to one SQL condition over the object's alias `t`. A condition is null
 * when the check cannot be run exactly (a pattern PostgreSQL cannot run as JavaScript would).
 */
export interface CompiledCheck extends InvalidCheck {
  condition: SQL | null;
}

/** `perRecord`: a unique rule looks up the one record's key; otherwise the keys held twice are grouped once. */
type Mode = { perRecord: boolean; workspaceId: string };

const textList = (values: string[]) => sql`${`{${values.map(arrayItem).join(',')}}`}::text[]`;
const blank = `^[${jsWhitespace}]*$`;
const decimal = '^-?[0-9]+(\\.[0-9]+)?$';
const dateShape = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const datetimeShape = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}';
const formats: Record<string, { shape: string; message: string }> = {
  // Looser than the check on write: only what is plainly not an address (no @, no domain, spaces).
  email: {
    shape: '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:].]+$',
    message: 'is not a valid email address',
  },
  // What libphonenumber stores: E.164.
  phone: {
    shape: '^\\+[1-9][0-9]{5,14}$',
    message: 'is not a phone number in international form (+ and 6 to 15 digits)',
  },
  domain: {
    shape: '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$',
    message: 'is not a domain like acme.com',
  },
  url: { shape: '^https?://[^/?#[:space:]]+\\.[^/?#[:space:]]', message: 'is not a web address' },
};
const listFormats: Record<string, string> = { emails: 'email', phones: 'phone' };

/** The field's typed value; a custom field's number or date only when JSONB holds one, so no cast can fail. */
function valueOf(f: ResolvedField): SQL {
  if (!f.custom) return f.expr;
  const text = sql`(${f.json} #>> '{}')`;
  switch (f.spec.type) {
    case 'number':
    case 'integer':
      return sql`(CASE WHEN jsonb_typeof(${f.json}) = 'number' THEN (${text})::numeric END)`;
    case 'money':
      return sql`(CASE WHEN ${text} ~ ${decimal} THEN (${text})::numeric END)`;
    case 'date':
      return sql`(CASE WHEN ${text} ~ ${dateShape} THEN (${text})::date END)`;
    case 'datetime':
      return sql`(CASE WHEN ${text} ~ ${datetimeShape} THEN (${text})::timestamptz END)`;
    default:
      return f.expr;
  }
}

/** Empty as the write path's rules judge it: null, blank text, an empty list. */
function emptySql(f: ResolvedField, e: SQL): SQL {
  if (f.kind.isArray) return sql`(${e} IS NULL OR cardinality(${e}) = 0)`;
  if (f.spec.type === 'links') return sql`(${e} IS NULL OR ${e} = '[]'::jsonb)`;
  if (f.kind.cast === 'jsonb') return sql`(${e} IS NULL OR ${e} = 'null'::jsonb)`;
  if (f.kind.cast === 'text') return sql`(${e} IS NULL OR ${e} ~ ${blank})`;
  return sql`(${e} IS NULL)`;
}

const filledText = (e: SQL) => sql`${e} IS NOT NULL AND ${e} <> ''`;
const anyItem = (e: SQL, broken: (item: SQL) => SQL) =>
  sql`EXISTS (SELECT 1 FROM unnest(${e}) AS v(item) WHERE ${broken(sql.raw('item'))})`;

function outOf(e: SQL, min: number | undefined, max: number | undefined): SQL {
  const parts = [
    ...(min === undefined ? [] : [sql`${e} < ${min}::numeric`]),
    ...(max === undefined ? [] : [sql`${e} > ${max}::numeric`]),
  ];
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** Dates compare by day when either side is a date alone, as the write path compares them. */
function notBeforeSql(f: ResolvedField, other: ResolvedField): SQL {
  const [e, o] = [valueOf(f), valueOf(other)];
  const byDay = f.spec.type === 'date' || other.spec.type === 'date';
  const day = (field: ResolvedField, v: SQL) =>
    field.spec.type === 'date' ? v : sql`(${v} AT TIME ZONE 'UTC')::date`;
  return sql`${e} IS NOT NULL AND ${o} IS NOT NULL AND ${byDay ? sql`${day(f, e)} < ${day(other, o)}` : sql`${e} < ${o}`}`;
}

/** Records sharing the key of another live record of the object, whoever may see that one. */
function uniqueSql(object: ResolvedObject, field: string, mode: Mode): SQL {
  const key = keySql(object, field);
  const d = object.as('d');
  const other = keySql(d, field);
  const scope = object.declaration.scope?.condition(tableAlias('d'));
  const holders = sql`FROM ${sql.identifier(object.tableName)} AS d
    WHERE d.workspace_id = ${mode.workspaceId} AND d.deleted_at IS NULL ${scope ? sql`AND ${scope}` : sql``}`;
  if (mode.perRecord)
    return sql`${key} !~ ${blank} AND EXISTS (SELECT 1 ${holders} AND ${other} = ${key} AND d.id <> ${tableAlias(object.alias)}.id)`;
  return sql`${key} IN (SELECT ${other} ${holders} AND ${other} !~ ${blank} GROUP BY 1 HAVING count(*) > 1)`;
}

function ruleCondition(object: ResolvedObject, rule: ValidationRule, mode: Mode): SQL | string {
  const f = object.fields.get(rule.field)!;
  const e = valueOf(f);
  switch (rule.kind) {
    case 'required':
      return emptySql(f, e);
    case 'requiredIf': {
      const when = object.fields.get(rule.whenField);
      if (!when) return `it reads ${rule.whenField}, which you cannot see`;
      const applies =
        rule.whenValue === undefined
          ? sql`NOT ${emptySql(when, valueOf(when))}`
          : sql`to_jsonb(${when.json}) = ${JSON.stringify(rule.whenValue)}::jsonb`;
      return sql`${applies} AND ${emptySql(f, e)}`;
    }
    case 'pattern': {
      const translated = patternSql(rule.pattern);
      if ('refused' in translated)
        return `its pattern cannot be run in the database exactly as written: ${translated.refused}`;
      return sql`${filledText(e)} AND ${e} !~ ${translated.regex}`;
    }
    case 'range':
      return sql`${e} IS NOT NULL AND ${outOf(e, rule.min, rule.max)}`;
    case 'length':
      return sql`${filledText(e)} AND ${outOf(sql`char_length(${e})`, rule.min, rule.max)}`;
    case 'allowedValues':
      return f.kind.isArray
        ? anyItem(e, (item) => sql`${item} <> ALL(${textList(rule.values)})`)
        : sql`NOT ${emptySql(f, e)} AND (${e})::text <> ALL(${textList(rule.values)})`;
    case 'notBefore': {
      const other = object.fields.get(rule.otherField);
      if (!other) return `it reads ${rule.otherField}, which you cannot see`;
      return notBeforeSql(f, other);
    }
    case 'unique':
      return uniqueSql(object, rule.field, mode);
  }
}

function formatCondition(f: ResolvedField): { condition: SQL; message: string } | null {
  const e = valueOf(f);
  const type = f.spec.type;
  const text = sql`(${f.json} #>> '{}')`;
  const stored = sql`${f.json} IS NOT NULL AND ${f.json} <> 'null'::jsonb`;
  if (type in formats)
    return {
      condition: sql`${filledText(e)} AND ${e} !~ ${formats[type].shape}`,
      message: formats[type].message,
    };
  if (type in listFormats) {
    const format = formats[listFormats[type]];
    return {
      condition: anyItem(e, (item) => sql`${item} !~ ${format.shape}`),
      message: `has a value that ${format.message}`,
    };
  }
  const options = (f.spec.options ?? []).map((o) => o.value);
  if ((type === 'select' || type === 'multiselect') && options.length) {
    const message = 'is not one of the options';
    return type === 'select'
      ? { condition: sql`${filledText(e)} AND ${e} <> ALL(${textList(options)})`, message }
      : {
          condition: anyItem(e, (item) => sql`${item} <> ALL(${textList(options)})`),
          message: `has a value that ${message}`,
        };
  }
  if (!f.custom) return null;
  if (type === 'number' || type === 'integer')
    return { condition: sql`${stored} AND jsonb_typeof(${f.json}) <> 'number'`, message: 'is not a number' };
  if (type === 'money')
    return { condition: sql`${stored} AND ${text} !~ ${decimal}`, message: 'is not an amount' };
  if (type === 'date')
    return {
      condition: sql`${stored} AND ${text} !~ ${dateShape}`,
      message: 'is not a date like 2026-11-23',
    };
  if (type === 'datetime')
    return { condition: sql`${stored} AND ${text} !~ ${datetimeShape}`, message: 'is not a date and time' };
  return null;
}

const checkable = (f: ResolvedField | undefined): f is ResolvedField =>
  !!f && !f.system && !f.computed && !f.retired;

/**
 * Every check of an object as the caller sees it: the rules on fields the caller may see, then each
 * visible field's format. A translated pattern PostgreSQL refuses to compile is not checked.
 */
export async function compiledChecks(
  x: Executor,
  object: ResolvedObject,
  mode: Mode,
): Promise<CompiledCheck[]> {
  const rules = (await objectRules(x, mode.workspaceId, object.name)).filter((r) =>
    checkable(object.fields.get(r.field)),
  );
  const checks: CompiledCheck[] = [];
  for (const rule of rules) {
    let condition = ruleCondition(object, rule, mode);
    if (rule.kind === 'pattern' && typeof condition !== 'string') {
      const translated = patternSql(rule.pattern) as { regex: string };
      try {
        await x.execute(sql`SELECT ''::text ~ ${translated.regex}`);
      } catch (error) {
        condition = `PostgreSQL cannot run its pattern: ${(error as Error).message}`;
      }
    }
    checks.push({
      id: `rule:${rule.id}`,
      field: rule.field,
      kind: rule.kind,
      ruleId: rule.id,
      message: ruleMessage(rule),
      records: null,
      notChecked: typeof condition === 'string' ? condition : null,
      condition: typeof condition === 'string' ? null : sql`(${condition})`,
    });
  }
  for (const f of object.fields.values()) {
    if (!checkable(f)) continue;
    const format = formatCondition(f);
    if (!format) continue;
    checks.push({
      id: `format:${f.name}`,
      field: f.name,
      kind: 'format',
      ruleId: null,
      message: format.message,
      records: null,
      notChecked: null,
      condition: sql`(${format.condition})`,
    });
  }
  return checks;
}

export const publicCheck = ({ condition: _condition, ...check }: CompiledCheck): InvalidCheck => check;
