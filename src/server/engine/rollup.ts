import { sql, type SQL } from 'drizzle-orm';
import { ValidationFailed } from '../../common/errors';
import type { RollupDefinition } from '../../common/metadata';
import type { KindEnv } from './fieldKinds';
import { valueTypeOfField, type ValueType } from './formula/types';
import { compileOwnFieldsFilter } from './filters';
import { tableAlias, type ResolvedObject } from './resolved';

function refuse(path: string, message: string): never {
  throw new ValidationFailed(`The rollup is refused: ${message}`, [{ path: `rollup.${path}`, message }]);
}

const orderedTypes: ValueType[] = ['number', 'money', 'date', 'datetime', 'text'];

/**
 * A rollup as a correlated subquery over the related records that point to the record on `object`'s
 * alias. It counts every live related record in the workspace, whoever may see them (as roll-up
 * summaries do elsewhere): a total that changed with the reader could not be sorted or compared.
 */
export function rollupSql(
  object: ResolvedObject,
  name: string,
  rollup: RollupDefinition,
  related: (objectName: string, alias: string) => ResolvedObject | undefined,
  env: KindEnv,
): { type: ValueType; sql: SQL; nullable: boolean; inBaseCurrency?: boolean } {
  const alias = `${object.alias}_${name}`;
  const other = related(rollup.object, alias);
  if (!other) refuse('object', `there is no object called "${rollup.object}"`);
  const via = other.fields.get(rollup.via);
  if (!via || via.retired || via.spec.type !== 'reference' || via.spec.reference !== object.name)
    refuse('via', `${rollup.object} has no reference field "${rollup.via}" to ${object.name}`);
  const t = tableAlias(object.alias);
  const r = tableAlias(alias);
  const where = [
    sql`${r}.workspace_id = ${t}.workspace_id`,
    sql`${via.expr} = ${t}.id`,
    sql`${r}.deleted_at IS NULL`,
  ];
  if (other.declaration.scope) where.push(other.declaration.scope.condition(r));
  if (rollup.filter) where.push(compileOwnFieldsFilter(env, other, rollup.filter, 'rollup.filter'));
  const from = sql`FROM ${sql.identifier(other.tableName)} AS ${r} WHERE ${sql.join(where, sql` AND `)}`;
  if (rollup.fn === 'count') {
    if (rollup.field) refuse('field', 'count counts records: leave field out');
    return { type: 'number', sql: sql`(SELECT count(*) ${from})::numeric`, nullable: false };
  }
  if (!rollup.field) refuse('field', `${rollup.fn} needs the field it adds up or compares`);
  const field = other.fields.get(rollup.field);
  const type = field && !field.retired ? valueTypeOfField[field.spec.type] : undefined;
  if (!field || !type) refuse('field', `${rollup.object} has no field "${rollup.field}" to roll up`);
  const numeric = type === 'number' || type === 'money';
  if ((rollup.fn === 'sum' || rollup.fn === 'avg') && !numeric)
    refuse('field', `${rollup.fn} needs a number or money field`);
  if (!orderedTypes.includes(type)) refuse('field', `${rollup.fn} cannot compare ${type} values`);
  const value = field.spec.type === 'integer' ? sql`(${field.expr})::numeric` : field.expr;
  const aggregate = sql`(SELECT ${sql.raw(rollup.fn)}(${value}) ${from})`;
  // A sum of no records is 0, as a count of none is; min, max and avg of none have no value.
  // Money keeps its cents: a sum of none reads 0.00, as any other money amount would.
  const zero = type === 'money' ? sql`0.00` : sql`0`;
  const inBaseCurrency = field.spec.inBaseCurrency;
  if (rollup.fn === 'sum')
    return { type, sql: sql`COALESCE(${aggregate}, ${zero})`, nullable: false, inBaseCurrency };
  const rounded = rollup.fn === 'avg' && type === 'money' ? sql`round(${aggregate}, 2)` : aggregate;
  return { type, sql: rounded, nullable: true, inBaseCurrency };
}
