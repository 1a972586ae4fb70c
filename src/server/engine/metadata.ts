import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { Conflict, NotFound, ValidationFailed } from '../../common/errors';
import type {
  customFieldInput,
  customFieldPatch,
  customObjectInput,
  objectSettingsInput,
} from '../../common/metadata';
import type { Executor } from '../db/database';
import type { RequestContext } from './context';
import type { Registry } from './registry';
import { customObjects, fieldDefinitions, fieldSettings, objectSettings } from './tables';
import { checkAccessSetting } from './fieldAccess';
import { assertAdmin } from './visibility';

/** Every metadata change bumps the workspace's metadata version, so every server process reloads it. */
async function bumpVersion(tx: Executor, workspaceId: string) {
  await tx.execute(
    sql`UPDATE workspaces SET metadata_version = metadata_version + 1 WHERE id = ${workspaceId}`,
  );
}

function definitionRow(ctx: RequestContext, object: string, field: z.infer<typeof customFieldInput>) {
  return {
    workspaceId: ctx.workspace.id,
    id: uuidv7(),
    object,
    name: field.name,
    label: field.label,
    type: field.type,
    options: field.options ?? null,
    reference: field.reference ?? null,
    required: field.required ?? false,
    help: field.help ?? null,
    example: field.example ?? null,
    timeline: field.timeline ?? true,
    expression: field.expression ?? null,
    rollup: field.rollup ?? null,
  };
}

const isComputed = (type: string) => type === 'formula' || type === 'rollup';

/** A formula needs its expression and a rollup its definition; neither takes what stored fields do. */
function checkComputedInput(input: z.infer<typeof customFieldInput>, path: string) {
  const refuse = (key: string, message: string) => {
    throw new ValidationFailed(`The field is refused: ${key} ${message}`, [
      { path: `${path}${key}`, message },
    ]);
  };
  if (input.type === 'formula' && !input.expression?.trim())
    refuse('expression', 'is required for a formula');
  if (input.type === 'rollup' && !input.rollup) refuse('rollup', 'is required for a rollup');
  if (input.type !== 'formula' && input.expression !== undefined)
    refuse('expression', 'only for type formula');
  if (input.type !== 'rollup' && input.rollup !== undefined) refuse('rollup', 'only for type rollup');
  if (isComputed(input.type) && input.required) refuse('required', 'a computed field is never required');
  if (isComputed(input.type) && input.options) refuse('options', 'a computed field has no options');
}

/** A reference field must name an object of the workspace (or users); other fields must not. */
function checkReference(
  input: { type?: string; reference?: string },
  known: (name: string) => boolean,
  path: string,
) {
  if (
    input.type === 'reference' &&
    !(input.reference && (input.reference === 'users' || known(input.reference)))
  ) {
    throw new ValidationFailed('A reference field names the object it refers to', [
      { path: `${path}reference`, message: 'must be an object name, like accounts' },
    ]);
  }
  if (input.type !== 'reference' && input.reference) {
    throw new ValidationFailed('Only reference fields refer to objects', [
      { path: `${path}reference`, message: 'only for type reference' },
    ]);
  }
}

function checkOptions(input: { type?: string; options?: { value: string }[] }) {
  const needs = input.type === 'select' || input.type === 'multiselect';
  if (needs && !input.options?.length)
    throw new ValidationFailed('A select field needs options', [
      { path: 'options', message: 'give at least one option' },
    ]);
  const values = input.options?.map((o) => o.value) ?? [];
  if (new Set(values).size !== values.length)
    throw new ValidationFailed('Option values must be unique', [
      { path: 'options', message: 'duplicate value' },
    ]);
}

export async function addCustomField(
  ctx: RequestContext,
  registry: Registry,
  objectName: string,
  input: z.infer<typeof customFieldInput>,
) {
  assertAdmin(ctx);
  const object = await registry.object(ctx.db, ctx.workspace, objectName, null);
  checkOptions(input);
  const objects = await registry.objects(ctx.db, ctx.workspace, null);
  checkReference(input, (n) => objects.has(n), '');
  checkComputedInput(input, '');
  if (object.fields.has(input.name))
    throw new Conflict(`${objectName} already has a field called "${input.name}"`);
  const row = definitionRow(ctx, objectName, input);
  if (isComputed(input.type)) {
    // Checked as the registry will resolve it: a refused formula or rollup would read as broken.
    const preview = await registry.withField(ctx.db, ctx.workspace, { ...row, retired: false });
    const broken = preview.get(objectName)?.fields.get(input.name)?.broken;
    if (broken) throw new ValidationFailed(`The ${input.type} is refused: ${broken.message}`, [broken]);
  }
  await ctx.db.write(async (tx) => {
    await tx.insert(fieldDefinitions).values(row);
    await bumpVersion(tx, ctx.workspace.id);
  });
}

/**
 * Changes a field: a custom field's label, options, help and the rest; any field's access per role;
 * a built-in select field's options. A standard field's other properties are its declaration's.
 */
export async function changeField(
  ctx: RequestContext,
  registry: Registry,
  objectName: string,
  name: string,
  input: z.infer<typeof customFieldPatch>,
) {
  assertAdmin(ctx);
  const object = await registry.object(ctx.db, ctx.workspace, objectName, null);
  const field = object.fields.get(name);
  if (!field) throw new NotFound(`${objectName} has no field "${name}"`);
  const { access, options, timeline, ...rest } = input;
  // A standard field's timeline switch is an admin's setting like its access; a custom field's is in its definition.
  const definition = field.custom && timeline !== undefined ? { ...rest, timeline } : rest;
  if (options) checkOptions({ type: field.spec.type, options });
  if (access) checkAccessSetting(field, access);
  const standard = !field.custom;
  if (standard) {
    const refused = Object.keys(definition);
    if (options && !field.spec.options) refused.unshift('options');
    if (refused.length)
      throw new ValidationFailed(
        `${name} is a standard field: only its access, select options and timeline switch can change`,
        [{ path: refused[0], message: 'can only be changed on custom fields' }],
      );
  }
  await ctx.db.write(async (tx) => {
    const custom = standard ? {} : { ...definition, ...(options ? { options } : {}) };
    if (Object.keys(custom).length) {
      await tx
        .update(fieldDefinitions)
        .set(custom)
        .where(
          and(
            eq(fieldDefinitions.workspaceId, ctx.workspace.id),
            eq(fieldDefinitions.object, objectName),
            eq(fieldDefinitions.name, name),
          ),
        );
    }
    const setting = {
      ...(access ? { access } : {}),
      ...(standard && options ? { options } : {}),
      ...(standard && timeline !== undefined ? { timeline } : {}),
    };
    if (Object.keys(setting).length) {
      await tx
        .insert(fieldSettings)
        .values({ workspaceId: ctx.workspace.id, object: objectName, field: name, ...setting })
        .onConflictDoUpdate({
          target: [fieldSettings.workspaceId, fieldSettings.object, fieldSettings.field],
          set: setting,
        });
    }
    await bumpVersion(tx, ctx.workspace.id);
  });
}

export async function setObjectSettings(
  ctx: RequestContext,
  registry: Registry,
  objectName: string,
  input: z.infer<typeof objectSettingsInput>,
) {
  assertAdmin(ctx);
  await registry.object(ctx.db, ctx.workspace, objectName, null);
  await ctx.db.write(async (tx) => {
    await tx
      .insert(objectSettings)
      .values({ workspaceId: ctx.workspace.id, object: objectName, visibility: input.visibility })
      .onConflictDoUpdate({
        target: [objectSettings.workspaceId, objectSettings.object],
        set: { visibility: input.visibility },
      });
    await bumpVersion(tx, ctx.workspace.id);
  });
}

export async function addCustomObject(
  ctx: RequestContext,
  registry: Registry,
  input: z.infer<typeof customObjectInput>,
) {
  assertAdmin(ctx);
  const reserved = [
    'search',
    'metadata',
    'auth',
    'users',
    'teams',
    'api-keys',
    'views',
    'imports',
    'merges',
    'me',
    'mail',
    'insights',
    'forecast',
    'workspace',
    'openapi.json',
  ];
  const existing = await registry.objects(ctx.db, ctx.workspace, null);
  if (existing.has(input.name) || reserved.includes(input.name))
    throw new Conflict(`The name "${input.name}" is taken`);
  input.fields.forEach((f, i) => {
    if (f.name === 'name')
      throw new ValidationFailed('Every custom object has a name field already', [
        { path: `fields.${i}.name`, message: 'is taken' },
      ]);
    if (isComputed(f.type))
      throw new ValidationFailed('Formulas and rollups are added once the object exists', [
        { path: `fields.${i}.type`, message: 'add it with POST .../fields after the object' },
      ]);
    checkComputedInput(f, `fields.${i}.`);
    checkOptions(f);
    checkReference(f, (n) => existing.has(n) || n === input.name, `fields.${i}.`);
  });
  await ctx.db.write(async (tx) => {
    await tx.insert(customObjects).values({
      workspaceId: ctx.workspace.id,
      id: uuidv7(),
      name: input.name,
      label: input.label,
      labelPlural: input.labelPlural,
    });
    if (input.fields.length) {
      await tx.insert(fieldDefinitions).values(input.fields.map((f) => definitionRow(ctx, input.name, f)));
    }
    await bumpVersion(tx, ctx.workspace.id);
  });
}
