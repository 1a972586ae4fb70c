import { z } from 'zod';

/** A link to a record of any object: an activity linked to an account, a contact or a deal. */
export const recordLink = z
  .object({
    object: z.string().regex(/^[a-z][a-zA-Z0-9]{1,40}$/, 'must be an object name, like accounts'),
    id: z.uuid({ message: 'must be a record id (UUID)' }),
  })
  .strict()
  .meta({ id: 'RecordLink' });
export type RecordLink = z.infer<typeof recordLink>;

/** A link as a query string writes it, `accounts:0190…`, or as JSON writes it. */
export const recordLinkFilterValue = z.union([
  recordLink,
  z
    .string()
    .regex(/^[a-z][a-zA-Z0-9]{1,40}:[0-9a-f-]{36}$/i, 'write a link as object:id')
    .transform((v) => {
      const [object, id] = v.split(':');
      return { object, id };
    })
    .pipe(recordLink),
]);
