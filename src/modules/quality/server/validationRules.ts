import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { NotFound, ValidationFailed, type FieldError } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import {
  assertAdmin,
  draftError,
  draftRecord,
  type Draft,
  type RequestContext,
  type ResolvedObject,
  type Subscription,
  type Values,
} from '../../../server/engine';
import type { ValidationRule, ValidationRuleInput } from '../contract';
import { refuseDuplicates } from './uniqueRules';

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && !v.length);

const numericTypes = new Set(['number', 'integer', 'money']);
const textTypes = new Set(['text', 'longtext', 'email', 'phone', 'url', 'domain', 'select']);
const timeTypes = new Set(['date', 'datetime']);
const uniqueTypes = new Set(['text', 'email', 'phone', 'url', 'domain']);
const lengthTypes = new Set(['text', 'longtext', 'email', 'phone', 'url', 'domain']);
const listedTypes = new Set(['text', 'email', 'url', 'domain', 'select', 'multiselect', 'tags']);

/** The fields a rule reads: a change to any of them re-checks it on update. */
function ruleFields(rule: ValidationRuleInput): string[] {
  if (rule.kind === 'requiredIf') return [rule.field, rule.whenField];
  if (rule.kind === 'notBefore') return [rule.field, rule.otherField];
  return [rule.field];
}

/** Dates compare by day when either side is a date alone (a close date against a creation time). */
function notBefore(value: string, other: string): boolean {
  if (value.length === 10 || other.length === 10) return value.slice(0, 10) >= other.slice(0, 10);
  return Date.parse(value) >= Date.parse(other);
}

const bounds = (min: number | undefined, max: number | undefined) =>
  [min !== undefined && `at least ${min}`, max !== undefined && `at most ${max}`]
    .filter(Boolean)
    .join(' and ');

/** The allowed values as a message shows them: the first ten, then how many more. */
function allowedList(values: string[]): string {
  const shown = values.slice(0, 10).join(', ');
  return values.length > 10 ? `${shown} (or ${values.length - 10} more)` : shown;
}

/** What a record breaking a rule is told: the admin's message, or one saying what the rule asks. */
export function ruleMessage(rule: ValidationRuleInput): string {
  if (rule.message) return rule.message;
  switch (rule.kind) {
    case 'required':
      return 'is required';
    case 'requiredIf':
      return `is required when ${rule.whenField} ${rule.whenValue === undefined ? 'is set' : `is ${String(rule.whenValue)}`}`;
    case 'pattern':
      return `does not match the pattern ${rule.pattern}`;
    case 'range':
      return `must be ${bounds(rule.min, rule.max)}`;
    case 'length':
      return `must be ${bounds(rule.min, rule.max)} characters long`;
    case 'allowedValues':
      return `must be one of: ${allowedList(rule.values)}`;
    case 'unique':
      return 'is already used by another record';
    case 'notBefore':
      return `must not be before ${rule.otherField}`;
  }
}

/** What is wrong with a record under one rule, as a message, or null. */
export function ruleViolation(rule: ValidationRuleInput, record: Values, now: string): string | null {
  const value = record[rule.field];
  const broken = (): string => ruleMessage(rule);
  switch (rule.kind) {
    case 'required':
      return isEmpty(value) ? broken() : null;
    case 'requiredIf': {
      const when = record[rule.whenField];
      const applies = rule.whenValue === undefined ? !isEmpty(when) : when === rule.whenValue;
      return applies && isEmpty(value) ? broken() : null;
    }
    case 'pattern':
      return typeof value === 'string' && value !== '' && !new RegExp(rule.pattern, 'u').test(value)
        ? broken()
        : null;
    case 'range': {
      if (isEmpty(value)) return null;
      const n = Number(value);
      return (rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)
        ? broken()
        : null;
    }
    case 'length': {
      if (typeof value !== 'string' || value === '') return null;
      const length = [...value].length;
      return (rule.min !== undefined && length < rule.min) || (rule.max !== undefined && length > rule.max)
        ? broken()
        : null;
    }
    case 'allowedValues': {
      const given = Array.isArray(value) ? value : isEmpty(value) ? [] : [value];
      return given.every((v) => rule.values.includes(String(v))) ? null : broken();
    }
    case 'unique':
      // Judged against the other records, in the database (uniqueRules.ts).
      return null;
    case 'notBefore': {
      const other = record[rule.otherField] ?? (rule.otherField === 'createdAt' ? now : undefined);
      if (typeof value !== 'string' || typeof other !== 'string') return null;
      return notBefore(value, other) ? null : broken();
    }
  }
}

/** Every error of a batch of drafts under an object's rules; an update is checked against the rules its changes touch. */
export function draftViolations(rules: ValidationRuleInput[], drafts: Draft[], now: string): FieldError[] {
  return drafts.flatMap((draft) => {
    const record = draftRecord(draft);
    return rules.flatMap((rule) => {
      if (draft.before && !ruleFields(rule).some((f) => Object.hasOwn(draft.changes, f))) return [];
      const message = ruleViolation(rule, record, now);
      return message ? [draftError(draft, rule.field, message)] : [];
    });
  });
}

export async function objectRules(
  tx: Executor,
  workspaceId: string,
  object: string,
): Promise<ValidationRule[]> {
  const found = await rows<{ r: ValidationRule }>(
    tx,
    sql`SELECT rule || jsonb_build_object('id', id, 'object', object, 'field', field, 'createdAt', created_at) AS r
      FROM validation_rules WHERE workspace_id = ${workspaceId} AND object = ${object} ORDER BY created_at, id`,
  );
  return found.map((f) => f.r);
}

/**
 * Enforces the admins' rules on every object, on each write that stores values (not moves to or from
 * the bin): broken rules are 400s by field; once none is, a unique rule's duplicate is a 409.
 */
export const validationRulesSubscription: Subscription = {
  object: '*',
  hooks: {
    async validate(scope, drafts) {
      if (scope.operation === 'delete' || scope.operation === 'restore') return [];
      const rules = await objectRules(scope.tx, scope.ctx.workspace.id, scope.object.name);
      if (!rules.length) return [];
      const errors = draftViolations(rules, drafts, new Date().toISOString());
      if (!errors.length) await refuseDuplicates(scope, rules, drafts);
      return errors;
    },
  },
};

export async function listRules(ctx: RequestContext, object?: string): Promise<ValidationRule[]> {
  const found = await ctx.db.read((x) =>
    rows<{ r: ValidationRule }>(
      x,
      sql`SELECT rule || jsonb_build_object('id', id, 'object', object, 'field', field, 'createdAt', created_at) AS r
        FROM validation_rules WHERE workspace_id = ${ctx.workspace.id}
        ${object === undefined ? sql`` : sql`AND object = ${object}`} ORDER BY object, created_at, id`,
    ),
  );
  return found.map((f) => f.r);
}

/** A rule must name stored fields of the object, of types it can judge. */
function ruleErrors(object: ResolvedObject, rule: ValidationRuleInput): FieldError[] {
  const errors: FieldError[] = [];
  const check = (key: string, name: string, types?: Set<string>) => {
    const field = object.fields.get(name);
    if (!field || field.computed || field.system || field.retired)
      errors.push({ path: key, message: `${object.name} has no field ${name} a rule can check` });
    else if (types && !types.has(field.spec.type))
      errors.push({
        path: key,
        message: `${name} is a ${field.spec.type} field; this rule needs ${[...types].join(', ')}`,
      });
  };
  const kinds = {
    pattern: textTypes,
    range: numericTypes,
    length: lengthTypes,
    allowedValues: listedTypes,
    notBefore: timeTypes,
    unique: uniqueTypes,
  } as Record<string, Set<string>>;
  check('field', rule.field, kinds[rule.kind]);
  if (rule.kind === 'requiredIf') check('whenField', rule.whenField);
  if (rule.kind === 'notBefore' && rule.otherField !== 'createdAt')
    check('otherField', rule.otherField, timeTypes);
  return errors;
}

export async function addRule(
  ctx: RequestContext,
  object: ResolvedObject,
  input: ValidationRuleInput,
): Promise<ValidationRule> {
  assertAdmin(ctx);
  const errors = ruleErrors(object, input);
  if (errors.length) throw new ValidationFailed('The rule names fields it cannot check', errors);
  const { object: name, field, ...rule } = input;
  const id = uuidv7();
  await ctx.db.write((tx) =>
    tx.execute(
      sql`INSERT INTO validation_rules (workspace_id, id, object, field, rule, created_by)
        VALUES (${ctx.workspace.id}, ${id}, ${name}, ${field}, ${JSON.stringify(rule)}::jsonb, ${ctx.userId})`,
    ),
  );
  const [saved] = (await listRules(ctx, name)).filter((r) => r.id === id);
  return saved;
}

export async function removeRule(ctx: RequestContext, id: string): Promise<void> {
  assertAdmin(ctx);
  const gone = await ctx.db.write((tx) =>
    rows<{ id: string }>(
      tx,
      sql`DELETE FROM validation_rules WHERE workspace_id = ${ctx.workspace.id} AND id = ${id} RETURNING id`,
    ),
  );
  if (!gone.length) throw new NotFound(`No validation rule with id ${id}`);
}
