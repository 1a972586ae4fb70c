import { z } from 'zod';
import { filterNode } from './pagination';

/** The object name a module's hook gives to apply to every custom object an admin makes. */
export const everyCustomObject = '*custom';

/** Types an admin may give a custom field. */
export const customFieldTypes = [
  'text',
  'longtext',
  'number',
  'integer',
  'money',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiselect',
  'email',
  'phone',
  'url',
  'reference',
  'link',
  'links',
] as const;

/**
 * The field kinds every object, standard or custom, is built from: the custom ones and a few of the
 * engine's own (`json`: a structured value its declaration validates, like a pipeline's stages).
 */
export const fieldTypes = [
  ...customFieldTypes,
  'domain',
  'address',
  'tags',
  'emails',
  'phones',
  'json',
] as const;
export const fieldType = z.enum(fieldTypes);
export type FieldType = z.infer<typeof fieldType>;
export const customFieldType = z.enum(customFieldTypes);
/** Each field type as people say it, for admin screens and help. */
export const fieldTypeLabels: Record<FieldType | 'formula' | 'rollup', string> = {
  text: 'Short text',
  longtext: 'Long text',
  number: 'Number',
  integer: 'Whole number',
  money: 'Money',
  date: 'Date',
  datetime: 'Date and time',
  boolean: 'Yes / no',
  select: 'One choice from a list',
  multiselect: 'Several choices from a list',
  email: 'Email address',
  phone: 'Phone number',
  url: 'Web address',
  reference: 'Link to a record',
  link: 'Link to a record of any kind',
  links: 'Links to records of any kind',
  domain: 'Web domain',
  address: 'Postal address',
  tags: 'Tags',
  emails: 'Email addresses',
  phones: 'Phone numbers',
  json: 'Structured value',
  formula: 'Formula',
  rollup: 'Roll-up of related records',
};

export const selectOption = z.object({
  value: z.string().min(1).max(100),
  label: z.string().min(1).max(200),
});
export type SelectOption = z.infer<typeof selectOption>;

/** A rollup: `fn` over the records of `object` whose reference field `via` points to this record. */
export const rollupDefinition = z
  .object({
    object: z.string().min(1).max(60),
    via: z.string().min(1).max(100),
    fn: z.enum(['count', 'sum', 'min', 'max', 'avg']),
    field: z.string().min(1).max(100).optional(),
    filter: filterNode.optional(),
  })
  .strict();
export type RollupDefinition = z.infer<typeof rollupDefinition>;
/** An option as an admin may write it: `{value, label}`, or a plain string that is both. */
const selectOptionInput = z.union([
  selectOption,
  z
    .string()
    .min(1)
    .max(100)
    .transform((value) => ({ value, label: value })),
]);

export const fieldMeta = z.object({
  name: z.string(),
  label: z.string(),
  type: fieldType,
  required: z.boolean(),
  readOnly: z.boolean(),
  custom: z.boolean(),
  sortable: z.boolean(),
  filterable: z.boolean(),
  searchable: z.boolean(),
  /** 'list' fields show in default list columns; 'detail' only on the record page; 'hidden' not shown */
  placement: z.enum(['list', 'detail', 'hidden']),
  group: z.string(),
  options: z.array(selectOption).optional(),
  /** for reference fields: the plural API name of the object referred to */
  reference: z.string().optional(),
  retired: z.boolean().optional(),
  /** a formula field's expression (its `type` is the type it computes) */
  expression: z.string().optional(),
  rollup: rollupDefinition.optional(),
  /** why a formula or rollup no longer computes; it reads as null until fixed */
  broken: z.string().optional(),
  operators: z.array(z.string()),
  /** whether changes of this field show on timelines; history keeps every change */
  timeline: z.boolean(),
  /** shown beside the field in forms */
  help: z.string().optional(),
  /** an example value, shown as the input's placeholder */
  example: z.string().optional(),
  /** money in the workspace's base currency, whatever the record's own currency is */
  inBaseCurrency: z.boolean().optional(),
  /** which roles may not see or not change the field (admins see it) */
  access: z
    .object({
      manager: z.enum(['hidden', 'read', 'edit']).optional(),
      rep: z.enum(['hidden', 'read', 'edit']).optional(),
      viewer: z.enum(['hidden', 'read', 'edit']).optional(),
    })
    .optional(),
});
export type FieldMeta = z.infer<typeof fieldMeta>;

export const visibilityScope = z.enum(['owner', 'team', 'workspace']);
export type VisibilityScope = z.infer<typeof visibilityScope>;

export const objectMeta = z.object({
  name: z.string(),
  label: z.string(),
  labelPlural: z.string(),
  custom: z.boolean(),
  titleField: z.string(),
  subtitleField: z.string().optional(),
  hasOwner: z.boolean(),
  visibility: visibilityScope,
  fields: z.array(fieldMeta),
});
export type ObjectMeta = z.infer<typeof objectMeta>;

/** `constructor` or `toString` would shadow what every JavaScript object inherits wherever values are keyed by name. */
const notInherited = (name: string) => !(name in Object.prototype);
const inheritedName = 'is a name every JavaScript object already has';

const apiName = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{1,40}$/, 'must start with a lowercase letter and hold only letters and digits')
  .refine(notInherited, inheritedName);

const fieldHelp = z.string().trim().min(1).max(500);
const fieldExample = z.string().trim().min(1).max(200);

export const customFieldInput = z.object({
  name: apiName,
  label: z.string().trim().min(1).max(80),
  type: z.enum([...customFieldTypes, 'formula', 'rollup']),
  options: z.array(selectOptionInput).max(500).optional(),
  required: z.boolean().optional(),
  /** for reference fields: the plural API name of the object referred to */
  reference: z.string().max(60).optional(),
  help: fieldHelp.optional(),
  example: fieldExample.optional(),
  timeline: z.boolean().optional(),
  /** for formula fields, e.g. `if(annualRevenue > 1000000, "large", "small")`; its length is checked with the formula */
  expression: z.string().max(100_000).optional(),
  /** for rollup fields */
  rollup: rollupDefinition.optional(),
});
export type CustomFieldInput = z.infer<typeof customFieldInput>;

/** What a role may do with a field: not see it at all, see it, or see and change it (the default). */
export const fieldAccessLevels = ['hidden', 'read', 'edit'] as const;
export type FieldAccessLevel = (typeof fieldAccessLevels)[number];
/** Per role; admins always see and edit every field, so they have no entry. */
export const fieldAccess = z
  .object({
    manager: z.enum(fieldAccessLevels).optional(),
    rep: z.enum(fieldAccessLevels).optional(),
    viewer: z.enum(fieldAccessLevels).optional(),
  })
  .strict();
export type FieldAccess = z.infer<typeof fieldAccess>;

export const customFieldPatch = z.object({
  /** who may see and change the field; also for standard fields */
  access: fieldAccess.optional(),
  label: z.string().trim().min(1).max(80).optional(),
  options: z.array(selectOptionInput).max(500).optional(),
  required: z.boolean().optional(),
  retired: z.boolean().optional(),
  /** null clears them */
  help: fieldHelp.nullable().optional(),
  example: fieldExample.nullable().optional(),
  timeline: z.boolean().optional(),
});

export const customObjectInput = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9]{2,40}$/, 'lowercase letters and digits, plural (e.g. "projects")')
    .refine(notInherited, inheritedName),
  label: z.string().trim().min(1).max(80),
  labelPlural: z.string().trim().min(1).max(80),
  fields: z
    .array(customFieldInput.extend({ reference: z.string().optional() }))
    .max(200)
    .default([]),
});
export type CustomObjectInput = z.infer<typeof customObjectInput>;

export const objectSettingsInput = z.object({ visibility: visibilityScope });
