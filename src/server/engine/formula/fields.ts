import { sql, type SQL } from 'drizzle-orm';
import { ValidationFailed, type FieldError } from '../../../common/errors';
import type { RollupDefinition } from '../../../common/metadata';
import { fieldKinds, type KindEnv } from '../fieldKinds';
import type { ResolvedField, ResolvedObject } from '../resolved';
import { rollupSql } from '../rollup';
import { formulaSql } from './formula';
import { FormulaError } from './tokens';
import { valueTypeOfField, type FormulaScope, type ValueType } from './types';

/** A formula or rollup as field_definitions stores it. */
export interface ComputedFieldRow {
  object: string;
  name: string;
  label: string;
  type: 'formula' | 'rollup';
  expression: string | null;
  rollup: RollupDefinition | null;
  retired: boolean;
  /** where the record page shows it: a standard computed field names its group; an admin's are 'Custom fields' */
  group?: string;
}

export interface ComputedContext {
  env: KindEnv;
  /**
   * The object a rollup reads, on the given alias; absent while resolving the related object of a
   * rollup itself, whose own rollups are then left out (rollups do not nest).
   */
  related?: (objectName: string, alias: string) => ResolvedObject | undefined;
}

function computedField(
  row: ComputedFieldRow,
  type: ValueType,
  expr: SQL,
  extra: Pick<ResolvedField, 'nullable' | 'dependsOn' | 'broken'> & { inBaseCurrency?: boolean },
): ResolvedField {
  const kind = fieldKinds[type];
  const { inBaseCurrency, ...resolved } = extra;
  return {
    name: row.name,
    spec: {
      type,
      label: row.label,
      readOnly: true,
      sortable: true,
      filterable: true,
      searchable: false,
      group: row.group ?? 'Custom fields',
      inBaseCurrency,
    },
    kind,
    custom: true,
    system: false,
    retired: row.retired,
    expr,
    json: kind.json(expr),
    computed: row.type === 'formula' ? { expression: row.expression ?? '' } : { rollup: row.rollup! },
    ...resolved,
  };
}

/** A computed field that no longer computes reads as null text, so the object's lists keep working. */
function brokenField(row: ComputedFieldRow, error: FormulaError | ValidationFailed): ResolvedField {
  const broken: FieldError =
    error instanceof FormulaError
      ? { path: 'expression', message: error.message }
      : (error.errors?.[0] ?? { path: 'rollup', message: error.message });
  return computedField(row, 'text', sql`NULL::text`, { nullable: true, broken });
}

/** How a field reads inside a formula: integers as numeric, record ids as text. */
function operandSql(field: ResolvedField): SQL {
  if (field.spec.type === 'integer') return sql`(${field.expr})::numeric`;
  if (field.spec.type === 'reference') return sql`(${field.expr})::text`;
  return field.expr;
}

/**
 * Adds an object's formula and rollup fields to it, on its alias. Rollups come first (they read only
 * the related object); formulas then resolve in dependency order, inlining the formulas they use, and
 * a cycle or a retired field makes the formulas concerned broken rather than the object unreadable.
 */
export function addComputedFields(
  object: ResolvedObject,
  rows: ComputedFieldRow[],
  context: ComputedContext,
): void {
  const { related } = context;
  if (related) {
    for (const row of rows.filter((r) => r.type === 'rollup')) {
      let field: ResolvedField;
      try {
        const rollup = rollupSql(object, row.name, row.rollup!, related, context.env);
        field = computedField(row, rollup.type, rollup.sql, {
          nullable: rollup.nullable,
          dependsOn: [],
          inBaseCurrency: rollup.inBaseCurrency,
        });
      } catch (error) {
        if (!(error instanceof ValidationFailed)) throw error;
        field = brokenField(row, error);
      }
      object.fields.set(row.name, field);
    }
  }
  const formulas = new Map(rows.filter((r) => r.type === 'formula').map((r) => [r.name, r]));
  const busy = new Set<string>();

  const resolve = (row: ComputedFieldRow): ResolvedField => {
    const done = object.fields.get(row.name);
    if (done) return done;
    busy.add(row.name);
    const dependsOn = new Set<string>();
    let field: ResolvedField;
    try {
      const compiled = formulaSql(row.expression ?? '', scope(dependsOn));
      field = computedField(row, compiled.type, compiled.sql, { nullable: true, dependsOn: [...dependsOn] });
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      field = brokenField(row, error);
    }
    busy.delete(row.name);
    object.fields.set(row.name, field);
    return field;
  };

  const scope = (dependsOn: Set<string>): FormulaScope => ({
    field(name, at) {
      if (busy.has(name)) throw new FormulaError(`cycle: "${name}" uses this formula`, at);
      const row = formulas.get(name);
      const field = row ? resolve(row) : object.fields.get(name);
      if (!field || field.retired) throw new FormulaError(`unknown field "${name}"`, at);
      if (field.broken) throw new FormulaError(`field "${name}" does not compute`, at);
      const type = valueTypeOfField[field.spec.type];
      if (!type) throw new FormulaError(`field "${name}" cannot be used in a formula`, at);
      dependsOn.add(name);
      field.dependsOn?.forEach((d) => dependsOn.add(d));
      return { type, sql: operandSql(field) };
    },
  });

  for (const row of formulas.values()) resolve(row);
}
