import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { FieldError } from '../../common/errors';
import type {
  FieldAccess,
  FieldMeta,
  ObjectMeta,
  RollupDefinition,
  VisibilityScope,
} from '../../common/metadata';
import type { FieldSpec, ObjectDeclaration } from './declaration';
import { restrictFields, type FieldSetting, type Reader } from './fieldAccess';
import type { ObjectHooks } from './lifecycle';
import { fieldKinds, isoTimestamp, nameLiteral, type FieldKind } from './fieldKinds';
export { nameLiteral };

/** A table alias as SQL; aliases are the engine's own (`t`, `r1`…), never user input. */
export function tableAlias(alias: string): SQL {
  return sql`${sql.identifier(alias)}`;
}

/** One field as the engine uses it: metadata plus its SQL for filters, sorts and output. */
export interface ResolvedField {
  name: string;
  spec: FieldSpec;
  kind: FieldKind;
  custom: boolean;
  system: boolean;
  retired: boolean;
  /** database column (standard fields) */
  column?: string;
  /** whether the value may be null (decides how keyset pages bound their index scans) */
  nullable: boolean;
  /** typed SQL expression on the object's table alias, for filters and sorts */
  expr: SQL;
  /** JSON value for the API */
  json: SQL;
  /** a formula or rollup: read-only, its `expr` computed from other fields when read */
  computed?: { expression: string } | { rollup: RollupDefinition };
  /** the fields a computed field reads, so a field hidden from a role can hide what is computed from it */
  dependsOn?: string[];
  /** why a computed field no longer computes (a field it used was retired): it then reads as null */
  broken?: FieldError;
  /** the roles that may not see or not change it, as an admin set them */
  access?: FieldAccess;
}

export interface ResolvedObject {
  declaration: ObjectDeclaration;
  name: string;
  tableName: string;
  /** the table's alias in the SQL this object's expressions are written for: `t`, or `r1`… in subqueries */
  alias: string;
  fields: Map<string, ResolvedField>;
  visibility: VisibilityScope;
  /** the object's own write hooks, then other modules' subscriptions to it */
  hooks: ObjectHooks[];
  /** the other objects of the same workspace (and role), for filters and sorts that follow a reference */
  peers: ReadonlyMap<string, ResolvedObject>;
  /**
   * The object with every field, whoever reads it: what the write path stores through, so that a
   * role's writes keep the fields it cannot see (and their search text) intact.
   */
  full: ResolvedObject;
  /** the same object with its expressions on another alias, for subqueries over related records */
  as(alias: string): ResolvedObject;
}

export interface CustomFieldRow {
  object: string;
  name: string;
  label: string;
  type: FieldSpec['type'];
  options: FieldSpec['options'] | null;
  reference: string | null;
  required: boolean;
  retired: boolean;
  help: string | null;
  example: string | null;
  timeline: boolean;
}

const systemFields: Record<string, FieldSpec> = {
  id: { type: 'reference', label: 'ID', readOnly: true, placement: 'hidden', group: 'System' },
  version: { type: 'integer', label: 'Version', readOnly: true, placement: 'hidden', group: 'System' },
  createdAt: { type: 'datetime', label: 'Created', readOnly: true, sortable: true, group: 'System' },
  updatedAt: { type: 'datetime', label: 'Updated', readOnly: true, sortable: true, group: 'System' },
};
const ownerField: FieldSpec = { type: 'reference', label: 'Owner', reference: 'users', group: 'System' };

function columnField(
  t: SQL,
  name: string,
  spec: FieldSpec,
  column: string,
  system: boolean,
  notNull: boolean,
): ResolvedField {
  const kind = fieldKinds[spec.type];
  const ref = sql`${t}.${sql.identifier(column)}`;
  const json = spec.type === 'datetime' ? isoTimestamp(ref) : kind.json(ref);
  return {
    name,
    spec,
    kind,
    custom: false,
    system,
    retired: false,
    column,
    nullable: !notNull,
    expr: ref,
    json,
  };
}

export function customField(row: CustomFieldRow, t: SQL = tableAlias('t')): ResolvedField {
  const spec: FieldSpec = {
    type: row.type,
    label: row.label,
    required: row.required,
    options: row.options ?? undefined,
    reference: row.reference ?? undefined,
    sortable: true,
    filterable: true,
    searchable: ['text', 'email', 'phone', 'url'].includes(row.type),
    group: 'Custom fields',
    help: row.help ?? undefined,
    example: row.example ?? undefined,
    timeline: row.timeline,
  };
  const kind = fieldKinds[row.type];
  return {
    name: row.name,
    spec,
    kind,
    custom: true,
    system: false,
    retired: row.retired,
    nullable: true,
    expr: kind.fromCustom(row.name, t),
    json: sql`(${t}.custom->${nameLiteral(row.name)})`,
  };
}

/** What an object is resolved with besides its own declaration: hooks on it, and its workspace's other objects. */
export interface ObjectLinks {
  subscriptions?: ObjectHooks[];
  /** filled by the registry once every object of the workspace is resolved */
  peers?: ReadonlyMap<string, ResolvedObject>;
  /** adds the formula and rollup fields once the stored ones are there, on every alias */
  computed?: (object: ResolvedObject) => void;
  /** the admin's per-field settings (access, options of built-in selects) and whom the object is for */
  settings?: ReadonlyMap<string, FieldSetting>;
  reader?: Reader;
  /** the same object for the system reader (every field), when this one is a role's view */
  full?: ResolvedObject;
}

/** An object with its fields on `alias`. */
export function resolveObject(
  declaration: ObjectDeclaration,
  customFields: CustomFieldRow[],
  visibility: VisibilityScope | undefined,
  links: ObjectLinks = {},
  alias = 't',
): ResolvedObject {
  const subscriptions = links.subscriptions ?? [];
  const t = tableAlias(alias);
  const columns = getTableColumns(declaration.table) as Record<string, { name: string; notNull: boolean }>;
  const fields = new Map<string, ResolvedField>();
  const specs: Record<string, FieldSpec> = { ...systemFields };
  if (declaration.hasOwner) specs.ownerId = ownerField;
  Object.assign(specs, declaration.fields);
  for (const [name, setting] of links.settings ?? []) {
    // An admin's own options of a built-in select field replace the declared ones.
    if (setting.options && specs[name]?.options) specs[name] = { ...specs[name], options: setting.options };
    if (setting.timeline !== null && specs[name])
      specs[name] = { ...specs[name], timeline: setting.timeline };
  }
  for (const [name, spec] of Object.entries(specs)) {
    const column = columns[name];
    if (column)
      fields.set(name, columnField(t, name, spec, column.name, name in systemFields, column.notNull));
    else if (declaration.custom)
      fields.set(
        name,
        customField(
          {
            object: declaration.name,
            name,
            label: spec.label,
            type: spec.type,
            options: spec.options ?? null,
            reference: spec.reference ?? null,
            required: spec.required ?? false,
            retired: false,
            help: spec.help ?? null,
            example: spec.example ?? null,
            timeline: spec.timeline ?? true,
          },
          t,
        ),
      );
    else throw new Error(`${declaration.name}.${name}: no column ${name} in its table`);
  }
  for (const row of customFields) {
    if (fields.has(row.name)) continue;
    fields.set(row.name, customField(row, t));
  }
  const tableName = (declaration.table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')];
  const aliases = new Map<string, ResolvedObject>();
  const object: ResolvedObject = {
    declaration,
    name: declaration.name,
    tableName,
    alias,
    fields,
    visibility: visibility ?? declaration.defaultVisibility,
    hooks: declaration.hooks ? [declaration.hooks, ...subscriptions] : subscriptions,
    peers: links.peers ?? new Map(),
    get full() {
      return links.full ?? object;
    },
    as(other) {
      if (other === alias) return object;
      let found = aliases.get(other);
      if (!found)
        aliases.set(other, (found = resolveObject(declaration, customFields, visibility, links, other)));
      return found;
    },
  };
  links.computed?.(object);
  for (const [name, setting] of links.settings ?? []) {
    const field = fields.get(name);
    if (field && Object.keys(setting.access).length) fields.set(name, { ...field, access: setting.access });
  }
  if (links.settings && links.reader !== undefined) restrictFields(object, links.settings, links.reader);
  return object;
}

export function fieldMeta(field: ResolvedField): FieldMeta {
  const { spec } = field;
  return {
    name: field.name,
    label: spec.label,
    type: spec.type,
    required: spec.required ?? false,
    readOnly: spec.readOnly ?? false,
    custom: field.custom,
    sortable:
      spec.sortable ??
      (!field.kind.isArray && spec.type !== 'address' && spec.type !== 'json' && spec.type !== 'longtext'),
    filterable: spec.filterable ?? true,
    searchable: spec.searchable ?? false,
    placement: spec.placement ?? 'list',
    group: spec.group ?? 'Details',
    options: spec.options ? [...spec.options] : undefined,
    reference: spec.reference,
    retired: field.retired || undefined,
    expression: field.computed && 'expression' in field.computed ? field.computed.expression : undefined,
    rollup: field.computed && 'rollup' in field.computed ? field.computed.rollup : undefined,
    broken: field.broken?.message,
    operators: [...field.kind.operators],
    timeline: spec.timeline ?? true,
    help: spec.help,
    example: spec.example,
    inBaseCurrency: spec.inBaseCurrency || undefined,
    access: field.access,
  };
}

export function objectMeta(object: ResolvedObject): ObjectMeta {
  const d = object.declaration;
  return {
    name: d.name,
    label: d.label,
    labelPlural: d.labelPlural,
    custom: d.custom ?? false,
    titleField: d.titleField,
    subtitleField: d.subtitleField,
    hasOwner: d.hasOwner,
    visibility: object.visibility,
    fields: [...object.fields.values()].map(fieldMeta),
  };
}
