import { ValidationFailed, type FieldError } from '../../../common/errors';
import type { ResolvedField, ResolvedObject, Values } from '../../../server/engine';
import { dealContactRoleLabels, dealContactRoles, type DealContactRole } from '../../deals/contract';
import type { ImportMapping, ImportMatch, ImportRowError } from '../contract';
import { cellValue, isImportable } from './cells';
import { dayOrderOf, type DayOrder } from './dates';
import type { SourceRow } from './sources';

export interface ColumnPlan {
  index: number;
  header: string;
  /** the record's own field, its account's, or its deal's */
  target: 'record' | 'account' | 'deal';
  field: ResolvedField;
  order: DayOrder;
}

/** What an import does with each column, checked against the object's fields before any row is read. */
export interface ImportPlan {
  object: ResolvedObject;
  accounts: ResolvedObject | null;
  /** deals, when contacts are imported with `deal.<field>` columns */
  deals: ResolvedObject | null;
  columns: ColumnPlan[];
  /** the column of the contact's role in its deal (`deal.role`) */
  roleColumn: number | null;
  headerCount: number;
  /** the account field rows find their account by: the first of domain, name, or the first account column */
  accountKey: ResolvedField | null;
  match: ImportMatch | null;
  /** whether a row with more cells than the header, or fewer, is refused (CSV; sheets drop trailing blanks) */
  strictWidth: boolean;
}

/** A row turned into values, with every problem found on the way. */
export interface RowValues {
  row: number;
  values: Values;
  account: Values | null;
  /** the row's deal as the file gives it (pipeline and stage by name or id), or null */
  deal: Values | null;
  /** the contact's role in the deal */
  role: DealContactRole;
  errors: ImportRowError[];
  note?: string;
  /** a vCard's photo to keep with the contact */
  photo?: { bytes: Buffer; contentType: string };
}

/** Checks a mapping: every column must exist and every field be one a row may set. */
export function planImport(
  objects: ReadonlyMap<string, ResolvedObject>,
  objectName: string,
  headers: string[],
  mapping: ImportMapping,
  match: ImportMatch | null,
  samples: SourceRow[],
  defaultCountry: string,
  strictWidth: boolean,
): ImportPlan {
  const object = objects.get(objectName);
  if (!object)
    throw new ValidationFailed(`There is no object called "${objectName}"`, [
      { path: 'object', message: 'unknown object' },
    ]);
  const accounts =
    object.fields.get('accountId')?.spec.reference === 'accounts' ? (objects.get('accounts') ?? null) : null;
  const deals = objectName === 'contacts' ? (objects.get('deals') ?? null) : null;
  const errors: FieldError[] = [];
  const columns: ColumnPlan[] = [];
  let roleColumn: number | null = null;
  const writable = (f: ResolvedField | undefined) =>
    !!f &&
    !f.retired &&
    !f.computed &&
    !f.spec.readOnly &&
    (!f.system || f.name === 'ownerId') &&
    isImportable(f);
  for (const [header, target] of Object.entries(mapping)) {
    const index = headers.indexOf(header);
    const path = `mapping.${header}`;
    if (index < 0) {
      errors.push({ path, message: 'no column of the file has this header' });
      continue;
    }
    const [owner, name] = target.startsWith('account.')
      ? ['account', target.slice(8)]
      : target.startsWith('deal.')
        ? ['deal', target.slice(5)]
        : ['record', target];
    const holder = owner === 'account' ? accounts : owner === 'deal' ? deals : object;
    if (!holder) {
      errors.push({
        path,
        message:
          owner === 'deal'
            ? 'deal columns are imported with contacts only'
            : `${objectName} have no account to find or create`,
      });
      continue;
    }
    if (owner === 'deal' && name === 'role') {
      roleColumn = index;
      continue;
    }
    const field = holder.fields.get(name);
    if (!writable(field)) {
      errors.push({ path, message: `"${target}" is not a field an import can set` });
      continue;
    }
    const cells = samples.map((s) => s.cells[index] ?? '');
    columns.push({
      index,
      header,
      target: owner as 'record' | 'account',
      field: field!,
      order: dayOrderOf(cells, defaultCountry),
    });
  }
  if (match && match.field !== 'name' && !writable(object.fields.get(match.field)))
    errors.push({ path: 'match.field', message: `"${match.field}" is not a field of ${objectName}` });
  if (match?.field === 'name' && objectName !== 'contacts' && !object.fields.has('name'))
    errors.push({ path: 'match.field', message: `${objectName} have no name to match by` });
  const dealColumns = columns.filter((c) => c.target === 'deal');
  if ((dealColumns.length || roleColumn !== null) && !dealColumns.some((c) => c.field.name === 'name'))
    errors.push({ path: 'mapping', message: 'map a column to the deal name (deal.name) to import deals' });
  if (dealColumns.some((c) => c.field.name === 'contacts' || c.field.name === 'accountId'))
    errors.push({ path: 'mapping', message: "a deal's account and contacts come from the row" });
  if (errors.length) throw new ValidationFailed('The mapping does not fit the file', errors);
  const accountColumns = columns.filter((c) => c.target === 'account');
  const accountKey =
    accountColumns.find((c) => c.field.name === 'domain')?.field ??
    accountColumns.find((c) => c.field.name === 'name')?.field ??
    accountColumns[0]?.field ??
    null;
  return {
    object,
    accounts,
    deals: dealColumns.length ? deals : null,
    columns,
    roleColumn,
    headerCount: headers.length,
    accountKey,
    match,
    strictWidth,
  };
}

export const isEmptyRow = (row: SourceRow) => row.cells.every((c) => c.trim() === '');

/** A row's cells as field values; a ragged row or a cell that is no value of its field is an error of the row. */
export function rowValues(plan: ImportPlan, source: SourceRow): RowValues {
  const errors: ImportRowError[] = [];
  const { row, cells } = source;
  const extra = cells.slice(plan.headerCount).some((c) => c.trim() !== '');
  if (extra || (plan.strictWidth && cells.length < plan.headerCount))
    errors.push({
      row,
      field: null,
      message: `has ${cells.length} cells where the header has ${plan.headerCount} columns`,
    });
  const values: Values = {};
  let account: Values | null = null;
  let deal: Values | null = null;
  for (const column of plan.columns) {
    const result = cellValue(column.field, cells[column.index] ?? '', column.order);
    if (!result) continue;
    const name = column.target === 'record' ? column.field.name : `${column.target}.${column.field.name}`;
    if ('error' in result) errors.push({ row, field: name, message: result.error });
    else if (column.target === 'account') (account ??= {})[column.field.name] = result.value;
    else if (column.target === 'deal') (deal ??= {})[column.field.name] = result.value;
    else values[column.field.name] = result.value;
  }
  if (account && plan.accountKey && account[plan.accountKey.name] === undefined) account = null;
  const role = roleOf(plan.roleColumn === null ? '' : (cells[plan.roleColumn] ?? ''));
  if (role === null) errors.push({ row, field: 'deal.role', message: `is not one of: ${roleNames}` });
  if (deal && deal.name === undefined)
    errors.push({ row, field: 'deal.name', message: 'is required for the deal the row gives' });
  return {
    row,
    values,
    account,
    deal,
    role: role ?? 'influencer',
    errors,
    note: source.note,
    photo: source.photo,
  };
}

const roleNames = Object.values(dealContactRoleLabels).join(', ').toLowerCase();

/** A contact's role in its deal, by its name or label in any case; influencer when the cell is empty. */
function roleOf(text: string): DealContactRole | null {
  const wanted = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (!wanted) return 'influencer';
  return (
    dealContactRoles.find(
      (r) =>
        r.toLowerCase() === wanted || dealContactRoleLabels[r].toLowerCase().replace(/\s/g, '') === wanted,
    ) ?? null
  );
}
