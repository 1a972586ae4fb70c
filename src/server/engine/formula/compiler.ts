import { sql, type SQL } from 'drizzle-orm';
import { intervalArg, type Checked } from './checker';
import { sqlTypes, type FormulaType, type ValueType } from './types';

const utc = (c: SQL) => sql`(${c} AT TIME ZONE 'UTC')`;
const cast = (type: ValueType) => sql.raw(sqlTypes[type]);

/** A checked node as SQL of the `want` type: a null gets its type, a date becomes a UTC midnight where a datetime is wanted. */
function as(c: Checked, want: FormulaType): SQL {
  if (c.type === 'null') return sql`NULL::${cast(want === 'null' ? 'text' : want)}`;
  const value = compileChecked(c);
  if (c.type === 'date' && want === 'datetime') return sql`(${value}::timestamp AT TIME ZONE 'UTC')`;
  return value;
}

/** Text of any value for `&` and concat: datetimes as ISO 8601 in UTC, whatever the session's settings. */
function asText(c: Checked): SQL {
  if (c.type === 'null') return sql`NULL::text`;
  const value = compileChecked(c);
  if (c.type === 'datetime') return sql`to_char(${utc(value)}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  return sql`(${value})::text`;
}

function asDate(c: Checked): SQL {
  return c.type === 'datetime' ? sql`${utc(compileChecked(c))}::date` : as(c, 'date');
}

/** The common type of values that agree (checked before); for CASE, COALESCE, LEAST and comparisons. */
function common(parts: Checked[]): FormulaType {
  const types = parts.map((p) => p.type).filter((t) => t !== 'null');
  if (types.includes('datetime')) return 'datetime';
  if (types.includes('money')) return 'money';
  return types[0] ?? 'null';
}

function list(parts: Checked[], want: FormulaType): SQL {
  return sql.join(
    parts.map((p) => as(p, want)),
    sql`, `,
  );
}

function callSql(c: Checked): SQL {
  const node = c.node as Extract<Checked['node'], { type: 'call' }>;
  const [a, b, d] = c.parts;
  switch (node.name) {
    case 'if':
      return sql`(CASE WHEN ${as(a, 'boolean')} THEN ${as(b, c.type)} ELSE ${as(d, c.type)} END)`;
    case 'case': {
      const key = common(c.parts.filter((_, i) => i % 2 === 1 && i < c.parts.length - 1).concat(a));
      const whens: SQL[] = [];
      for (let i = 1; i + 1 < c.parts.length; i += 2)
        whens.push(sql`WHEN ${as(c.parts[i], key)} THEN ${as(c.parts[i + 1], c.type)}`);
      const fallback = as(c.parts[c.parts.length - 1], c.type);
      return sql`(CASE ${as(a, key)} ${sql.join(whens, sql` `)} ELSE ${fallback} END)`;
    }
    case 'coalesce':
      return sql`COALESCE(${list(c.parts, c.type)})`;
    case 'isblank':
      return a.type === 'text'
        ? sql`(COALESCE(${compileChecked(a)}, '') = '')`
        : sql`(${as(a, a.type)} IS NULL)`;
    case 'round':
      return sql`round(${as(a, c.type)}, ${b ? sql`(${as(b, 'number')})::int` : sql`0`})`;
    case 'abs':
    case 'floor':
    case 'ceil':
      return sql`${sql.raw(node.name)}(${as(a, c.type)})`;
    case 'min':
      return sql`LEAST(${list(c.parts, c.type)})`;
    case 'max':
      return sql`GREATEST(${list(c.parts, c.type)})`;
    case 'len':
      return sql`(char_length(COALESCE(${as(a, 'text')}, ''))::numeric)`;
    case 'upper':
    case 'lower':
      return sql`${sql.raw(node.name)}(${as(a, 'text')})`;
    case 'trim':
      return sql`btrim(${as(a, 'text')})`;
    case 'left':
    case 'right':
      return sql`${sql.raw(node.name)}(${as(a, 'text')}, (${as(b, 'number')})::int)`;
    case 'contains':
      return sql`(strpos(lower(${as(a, 'text')}), lower(${as(b, 'text')})) > 0)`;
    case 'concat':
      return sql`concat(${sql.join(c.parts.map(asText), sql`, `)})`;
    case 'today':
      return sql`${utc(sql`now()`)}::date`;
    case 'now':
      return sql`now()`;
    case 'year':
    case 'month':
    case 'day':
      return sql`(extract(${sql.raw(node.name)} from ${asDate(a)})::numeric)`;
    case 'date_add': {
      const unit = d.node as { value: string };
      const interval = sql`make_interval(${sql.raw(intervalArg(unit.value))} => (${as(b, 'number')})::int)`;
      return c.type === 'date'
        ? sql`((${as(a, 'date')} + ${interval})::date)`
        : sql`((${utc(compileChecked(a))} + ${interval}) AT TIME ZONE 'UTC')`;
    }
    case 'days_between':
      return sql`((${asDate(b)} - ${asDate(a)})::numeric)`;
    default:
      throw new Error(`No SQL for function ${node.name}`);
  }
}

function compileChecked(c: Checked): SQL {
  const { node } = c;
  switch (node.type) {
    case 'number':
      return sql`${node.value}::numeric`;
    case 'text':
      return sql`${node.value}::text`;
    case 'boolean':
      return node.value ? sql`TRUE` : sql`FALSE`;
    case 'null':
      return sql`NULL`;
    case 'field':
      return sql`(${c.field})`;
    case 'unary':
      return node.op === 'not' ? sql`(NOT ${as(c.parts[0], 'boolean')})` : sql`(- ${as(c.parts[0], c.type)})`;
    case 'binary': {
      const [left, right] = c.parts;
      switch (node.op) {
        case 'and':
        case 'or':
          return sql`(${as(left, 'boolean')} ${sql.raw(node.op.toUpperCase())} ${as(right, 'boolean')})`;
        case '&':
          return sql`concat(${asText(left)}, ${asText(right)})`;
        case '/':
          // Division by zero reads as null rather than failing the whole list.
          return sql`(${as(left, 'number')} / NULLIF(${as(right, 'number')}, 0))`;
        case '+':
        case '-':
        case '*':
          return sql`(${as(left, 'number')} ${sql.raw(node.op)} ${as(right, 'number')})`;
        default: {
          const type = common(c.parts);
          const op = node.op === '!=' ? '<>' : node.op;
          return sql`(${as(left, type)} ${sql.raw(op)} ${as(right, type)})`;
        }
      }
    }
    case 'call':
      return callSql(c);
  }
}

/**
 * SQL of a checked formula, typed as its result type; values are parameters, field SQL comes from the
 * scope. Money is computed at full precision and rounded to cents once, at the end, like the stored
 * amounts it is compared with.
 */
export function compileFormula(checked: Checked): SQL {
  if (checked.type === 'null') throw new Error('A formula of no type');
  const value = sql`(${as(checked, checked.type)})::${cast(checked.type)}`;
  return checked.type === 'money' ? sql`round(${value}, 2)` : value;
}
