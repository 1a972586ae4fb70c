import type { z } from 'zod';
import { ValidationFailed } from '../../common/errors';
import { zodErrors } from '../engine/input';

/** Parses a request part with its contract schema; a mismatch is a 400 naming each bad path. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value ?? {}, { reportInput: true });
  if (!result.success)
    throw new ValidationFailed('The request is not valid', zodErrors(result.error, prefix));
  return result.data;
}
