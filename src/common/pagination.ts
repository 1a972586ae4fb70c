import { z } from 'zod';

export const listLimit = z.coerce.number().int().min(1).max(500).default(50);

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  total?: number;
}

export const filterOperators = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'contains',
  'startsWith',
  'isNull',
] as const;
export type FilterOperator = (typeof filterOperators)[number];

/**
 * A filter tree: a leaf compares one field (`accountId.industry` follows a reference), and/or/not combine,
 * and `has` asks for related records of another object whose reference field `via` points back.
 */
export type FilterNode =
  | { and: FilterNode[] }
  | { or: FilterNode[] }
  | { not: FilterNode }
  | { has: { object: string; via: string; filter?: FilterNode } }
  | { field: string; op: FilterOperator; value?: unknown };

export const filterNode: z.ZodType<FilterNode> = z.lazy(() =>
  z.union([
    z.object({ and: z.array(filterNode).max(50) }).strict(),
    z.object({ or: z.array(filterNode).max(50) }).strict(),
    z.object({ not: filterNode }).strict(),
    z
      .object({
        has: z
          .object({
            object: z.string().min(1).max(60),
            via: z.string().min(1).max(100),
            filter: filterNode.optional(),
          })
          .strict(),
      })
      .strict(),
    z
      .object({
        field: z.string().min(1).max(300),
        op: z.enum(filterOperators),
        value: z.unknown().optional(),
      })
      .strict(),
  ]),
);

export const listQueryBody = z
  .object({
    filter: filterNode.optional(),
    sort: z.union([z.string(), z.array(z.string())]).optional(),
    limit: listLimit,
    cursor: z.string().max(2000).optional(),
    fields: z.array(z.string()).max(200).optional(),
    q: z.string().max(500).optional(),
    count: z.boolean().optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof listQueryBody>;
