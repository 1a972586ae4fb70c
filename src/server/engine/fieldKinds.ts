import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  date,
  integer,
  jsonb,
  numeric,
  text as textColumn,
  uuid,
  type PgColumnBuilderBase,
} from 'drizzle-orm/pg-core';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { address, type Address } from '../../common/address';
import { recordLink, type RecordLink } from '../../common/recordLink';
import type { FilterOperator } from '../../common/pagination';
import type { FieldType } from '../../common/metadata';
import { decimalString } from '../../common/money';
import { timestamptz } from './columns';
import type { FieldSpec } from './declaration';

export interface KindEnv {
  defaultCountry: string;
}

/** Everything about one field type: SQL type, accepted input, operators, and how it reads from SQL. */
export interface FieldKind {
  /** the PostgreSQL type values are cast to in comparisons */
  cast: string;
  operators: readonly FilterOperator[];
  /** a zod schema for one non-null value; it normalises (lowercases emails, E.164 phones, ...) */
  value(spec: FieldSpec, env: KindEnv): z.ZodType;
  /** how a stored column becomes a JSON value of the API */
  json(column: SQL): SQL;
  /** how a custom field (in the `custom` JSONB column of the table aliased `t`) reads as a typed SQL value */
  fromCustom(key: string, t: SQL): SQL;
  isArray?: boolean;
  /** what an empty value is stored as, for kinds whose column is NOT NULL (lists) */
  empty?: string;
  /** a polymorphic link (or list of links) to records of any object, checked like references */
  isLink?: boolean;
}

const ordered = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'isNull'] as const;
const textual = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'startsWith', 'isNull'] as const;
const equality = ['eq', 'ne', 'in', 'isNull'] as const;
const arrayOps = ['eq', 'contains', 'isNull'] as const;

const plain = (column: SQL) => column;
/** A field name as an SQL string literal; names come from declarations and validated admin input only. */
export function nameLiteral(name: string): SQL {
  if (!/^[A-Za-z][A-Za-z0-9_.]{0,80}$/.test(name)) throw new Error(`Unsafe field name ${name}`);
  return sql.raw(`'${name}'`);
}
const key = nameLiteral;
const customText = (name: string, t: SQL) => sql`(${t}.custom->>${key(name)})`;
const customCast = (cast: string) => (name: string, t: SQL) =>
  sql`((${t}.custom->>${key(name)})::${sql.raw(cast)})`;
const customArray = (name: string, t: SQL) =>
  sql`(CASE WHEN jsonb_typeof(${t}.custom->${key(name)}) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(${t}.custom->${key(name)})) END)`;

const isoTimestamp = (column: SQL) =>
  sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Text PostgreSQL can store: it refuses the NUL character, so it is refused here, by field. */
function plainText(max: number) {
  return z
    .string()
    .max(max)
    .refine((v) => !v.includes('\u0000'), 'cannot contain the NUL character');
}

function text(spec: FieldSpec) {
  return plainText(spec.max ?? 10_000);
}

export function normalisePhone(raw: string, country: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode);
  return parsed && parsed.isPossible() ? parsed.number : null;
}

const phoneValue = (env: KindEnv) =>
  z
    .string()
    .max(40)
    .transform((v, ctx) => {
      const e164 = normalisePhone(v, env.defaultCountry);
      if (!e164) {
        ctx.addIssue({ code: 'custom', message: 'is not a phone number' });
        return z.NEVER;
      }
      return e164;
    });

const emailValue = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'is not a valid email address' }).max(320));

const urlValue = z
  .string()
  .trim()
  .max(2000)
  .transform((v, ctx) => {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`;
    try {
      const url = new URL(withScheme);
      if (!['http:', 'https:'].includes(url.protocol) || !url.hostname.includes('.')) throw new Error('bad');
      return url.toString();
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not a web address' });
      return z.NEVER;
    }
  });

function optionValue(spec: FieldSpec) {
  const values = (spec.options ?? []).map((o) => o.value);
  return z.string().refine((v) => values.includes(v), `must be one of: ${values.join(', ')}`);
}

/** "https://www.Acme.com/about" and "ACME.com" are both the domain "acme.com". */
const domainValue = z
  .string()
  .trim()
  .max(300)
  .transform((v, ctx) => {
    const host = v
      .toLowerCase()
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
      .replace(/^www\./, '')
      .split(/[/?#:]/)[0];
    if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(host)) {
      ctx.addIssue({ code: 'custom', message: 'is not a domain like acme.com' });
      return z.NEVER;
    }
    return host;
  });

const isoDate = z.iso.date({ message: 'must be a date like 2026-11-23' });

const textKind: FieldKind = {
  cast: 'text',
  operators: textual,
  value: (spec) => text(spec),
  json: plain,
  fromCustom: customText,
};

export const fieldKinds: Record<FieldType, FieldKind> = {
  text: textKind,
  longtext: { ...textKind, value: (spec) => plainText(spec.max ?? 100_000) },
  email: { ...textKind, value: () => emailValue },
  phone: { ...textKind, value: (_spec, env) => phoneValue(env) },
  url: { ...textKind, value: () => urlValue },
  domain: { ...textKind, value: () => domainValue },
  select: { ...textKind, operators: equality, value: optionValue },
  number: {
    cast: 'numeric',
    operators: ordered,
    value: () => z.number().finite(),
    json: (c) => sql`(${c})::float8`,
    fromCustom: customCast('numeric'),
  },
  integer: {
    cast: 'bigint',
    operators: ordered,
    value: () => z.number().int().min(-2147483648).max(2147483647),
    json: plain,
    fromCustom: customCast('bigint'),
  },
  money: {
    cast: 'numeric',
    operators: ordered,
    value: () => decimalString,
    json: (c) => sql`(${c})::text`,
    fromCustom: customCast('numeric'),
  },
  date: {
    cast: 'date',
    operators: ordered,
    value: () => isoDate,
    json: (c) => sql`(${c})::text`,
    fromCustom: customCast('date'),
  },
  datetime: {
    cast: 'timestamptz',
    operators: ordered,
    value: () => z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()),
    json: isoTimestamp,
    fromCustom: customCast('timestamptz'),
  },
  boolean: {
    cast: 'boolean',
    operators: ['eq', 'ne', 'isNull'],
    value: () => z.boolean(),
    json: plain,
    fromCustom: customCast('boolean'),
  },
  reference: {
    cast: 'uuid',
    operators: equality,
    value: () => z.uuid({ message: 'must be a record id (UUID)' }),
    json: plain,
    fromCustom: customCast('uuid'),
  },
  address: {
    cast: 'jsonb',
    operators: ['isNull'],
    value: () => address,
    json: plain,
    fromCustom: (name, t) => sql`(${t}.custom->${key(name)})`,
  },
  link: {
    cast: 'jsonb',
    operators: ['eq', 'isNull'],
    isLink: true,
    value: () => recordLink,
    json: plain,
    fromCustom: (name, t) => sql`(${t}.custom->${key(name)})`,
  },
  links: {
    cast: 'jsonb',
    operators: ['eq', 'isNull'],
    isLink: true,
    empty: '[]',
    value: () => z.array(recordLink).max(100),
    json: plain,
    fromCustom: (name, t) => sql`coalesce(${t}.custom->${key(name)}, '[]'::jsonb)`,
  },
  json: {
    cast: 'jsonb',
    operators: ['isNull'],
    value: (spec) => {
      if (!spec.schema) throw new Error(`The json field "${spec.label}" has no schema`);
      return spec.schema;
    },
    json: plain,
    fromCustom: (name, t) => sql`(${t}.custom->${key(name)})`,
  },
  multiselect: {
    cast: 'text[]',
    operators: arrayOps,
    isArray: true,
    empty: '{}',
    value: (spec) => z.array(optionValue(spec)).max(200),
    json: (c) => sql`to_json(${c})`,
    fromCustom: customArray,
  },
  tags: {
    cast: 'text[]',
    operators: arrayOps,
    isArray: true,
    empty: '{}',
    value: () =>
      z
        .array(
          z
            .string()
            .trim()
            .min(1)
            .max(100)
            .refine((v) => !v.includes('\u0000'), 'cannot contain the NUL character'),
        )
        .max(200),
    json: (c) => sql`to_json(${c})`,
    fromCustom: customArray,
  },
  emails: {
    cast: 'text[]',
    operators: arrayOps,
    isArray: true,
    empty: '{}',
    value: () => z.array(emailValue).max(50),
    json: (c) => sql`to_json(${c})`,
    fromCustom: customArray,
  },
  phones: {
    cast: 'text[]',
    operators: arrayOps,
    isArray: true,
    empty: '{}',
    value: (_spec, env) => z.array(phoneValue(env)).max(50),
    json: (c) => sql`to_json(${c})`,
    fromCustom: customArray,
  },
};

export { isoTimestamp };

type KindColumn = (name: string, spec: FieldSpec) => PgColumnBuilderBase;
const plainColumn = (name: string) => textColumn(name);
/** Lists are never null: an empty list is `{}`, so filters and appends need no COALESCE. */
const listColumn = (name: string) =>
  textColumn(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

/** The column each kind is stored in, in a standard object's own table (custom fields live in `custom`). */
export const kindColumns = {
  text: plainColumn,
  longtext: plainColumn,
  email: plainColumn,
  phone: plainColumn,
  url: plainColumn,
  domain: plainColumn,
  select: plainColumn,
  number: (name, spec) => numeric(name, { precision: spec.precision, scale: spec.scale, mode: 'string' }),
  integer: (name) => integer(name),
  money: (name, spec) =>
    numeric(name, { precision: spec.precision ?? 18, scale: spec.scale ?? 2, mode: 'string' }),
  date: (name) => date(name, { mode: 'string' }),
  datetime: (name) => timestamptz(name),
  boolean: (name) => boolean(name),
  reference: (name) => uuid(name),
  address: (name) => jsonb(name).$type<Address>(),
  link: (name) => jsonb(name).$type<RecordLink>(),
  json: (name) => jsonb(name),
  links: (name) =>
    jsonb(name)
      .$type<RecordLink[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  multiselect: listColumn,
  tags: listColumn,
  emails: listColumn,
  phones: listColumn,
} satisfies Record<FieldType, KindColumn>;
