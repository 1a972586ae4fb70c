import { z } from 'zod';
import type { FieldError } from '../../common/errors';
import type { Values } from './lifecycle';
import type { KindEnv } from './fieldKinds';
import type { ResolvedField, ResolvedObject } from './resolved';

/** Fields a client may write: not system, not read-only, not retired (plus the owner). */
export function writableFields(object: ResolvedObject): ResolvedField[] {
  return [...object.fields.values()].filter(
    (f) => !f.retired && !f.spec.readOnly && (!f.system || f.name === 'ownerId'),
  );
}

const schemaCache = new WeakMap<ResolvedObject, Map<string, z.ZodType<Values>>>();

function fieldSchema(field: ResolvedField, env: KindEnv, mode: 'create' | 'update'): z.ZodType {
  let value = field.kind.value(field.spec, env);
  if (field.spec.required && value instanceof z.ZodString)
    value = value.refine((v) => v.trim() !== '', 'is required');
  if (field.spec.required) return mode === 'create' ? value : value.optional();
  return value.nullable().optional();
}

/** The zod schema of a create or update body, built from the object's fields (custom ones included). */
export function inputSchema(
  object: ResolvedObject,
  env: KindEnv,
  mode: 'create' | 'update',
): z.ZodType<Values> {
  const key = `${mode}:${env.defaultCountry}`;
  let cache = schemaCache.get(object);
  if (!cache) schemaCache.set(object, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;
  const shape: Record<string, z.ZodType> = {};
  for (const field of writableFields(object)) shape[field.name] = fieldSchema(field, env, mode);
  const schema = z.object(shape).strict() as unknown as z.ZodType<Values>;
  cache.set(key, schema);
  return schema;
}

/** Issues as `{path, message}`; the parse must run with `reportInput` so a missing value is told apart. */
export function zodErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [path, key].filter(Boolean).join('.'),
        message: 'unknown field',
      }));
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) return [{ path, message: 'is required' }];
    return [{ path, message: issue.message }];
  });
}

/** A field the writer can see but not change (computed, or read-only for their role) is named as such. */
function readOnlyError(object: ResolvedObject, error: FieldError, prefix: string): FieldError {
  if (error.message !== 'unknown field') return error;
  const field = object.fields.get(error.path.slice(prefix ? prefix.length + 1 : 0));
  return field && !field.system && !field.retired ? { ...error, message: 'is read-only' } : error;
}

/**
 * A body's own properties only, on an object without a prototype: a field whose name every object
 * inherits (`valueOf`, defined before such names were refused) reads as absent, not as a function.
 */
function ownProperties(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.assign(Object.create(null) as object, body);
}

/** Parses many bodies at once; every bad row is reported by its path, and its values are null. */
export function parseBodies(
  object: ResolvedObject,
  env: KindEnv,
  mode: 'create' | 'update',
  inputs: { body: unknown; path: string }[],
): { values: (Values | null)[]; errors: FieldError[] } {
  const schema = inputSchema(object, env, mode);
  const errors: FieldError[] = [];
  const values = inputs.map(({ body, path }) => {
    const result = schema.safeParse(ownProperties(body), { reportInput: true });
    if (result.success) return result.data;
    errors.push(...zodErrors(result.error, path).map((e) => readOnlyError(object, e, path)));
    return null;
  });
  return { values, errors };
}
