import { z } from 'zod';

export const listLimit = z.coerce.number().int().min(1).max(500).default(50);

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  total?: number;
  /** whether `total` was counted or estimated (`count=estimate` on a large list) */
  totalKind?: 'exact' | 'estimate';
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
const isFilterOperator = (op: string): op is FilterOperator =>
  (filterOperators as readonly string[]).includes(op);

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

/** A filter tree as clients may write it: a leaf may also take the query string's spelling. */
export type FilterNodeInput =
  | { and: FilterNodeInput[] }
  | { or: FilterNodeInput[] }
  | { not: FilterNodeInput }
  | { has: { object: string; via: string; filter?: FilterNodeInput } }
  | { field: string; op: string; value?: unknown }
  | Record<string, Record<string, unknown>>;

const maxChildren = 50;
const fieldName = z.string().min(1).max(300);
const groupKeys = ['and', 'or', 'not', 'has'];
const nodeShapes =
  'a filter node is {and: [...]}, {or: [...]}, {not: ...}, {field, op, value} or {"<field>": {"<op>": value}}';
const unknownOperator = `unknown operator; one of ${filterOperators.join(', ')}`;

/** `{has: {object, via, filter?}}`: related records of `object` whose reference `via` points back. */
function relatedRecords<T extends z.ZodType>(filter: T) {
  return z
    .object({ object: z.string().min(1).max(60), via: z.string().min(1).max(100), filter: filter.optional() })
    .strict();
}

// An exclusive union: its shapes never overlap, and unlike z.union it keeps the issues a pipe hands it
// (an unknown key in a leaf would otherwise be dropped on the way from the input tree to this one).
const filterTree: z.ZodType<FilterNode, FilterNode> = z
  .lazy(() =>
    z.xor(
      [
        z.object({ and: z.array(filterTree).max(maxChildren) }).strict(),
        z.object({ or: z.array(filterTree).max(maxChildren) }).strict(),
        z.object({ not: filterTree }).strict(),
        z.object({ has: relatedRecords(filterTree) }).strict(),
        z.object({ field: fieldName, op: z.enum(filterOperators), value: z.unknown().optional() }).strict(),
      ],
      nodeShapes,
    ),
  )
  .meta({ id: 'FilterNode' });

/*
 * The leaves of a filter as clients write it check their operator inside a transform whose issues let the
 * union go on (`continue`): the one branch whose shape fits then reports the mistake at its own path,
 * where a failed enum would leave only "no shape matched" at the node.
 */
const conditionLeaf = z
  .object({
    field: fieldName,
    op: z.string().meta({ enum: [...filterOperators] }),
    value: z.unknown().optional(),
  })
  .strict()
  .transform(({ field, op, value }, ctx): FilterNode => {
    if (isFilterOperator(op)) return { field, op, value };
    ctx.issues.push({ code: 'custom', message: unknownOperator, path: ['op'], input: op, continue: true });
    return z.NEVER;
  });

/** `{"age": {"gte": 1, "lt": 5}}` as leaves, ANDed when there are several. */
const queryStringLeaf = z
  .record(
    z.string(),
    z.record(z.string(), z.unknown()).meta({ propertyNames: { enum: [...filterOperators] } }),
  )
  .transform((conditions, ctx): FilterNode => {
    const report = (path: string[], message: string, otherShape = false) =>
      ctx.issues.push({ code: 'custom', message, path, input: conditions, continue: !otherShape });
    const fields = Object.entries(conditions);
    // `{"not": {...}}` is a group; its mistakes are the group's to report.
    if (fields.some(([field]) => groupKeys.includes(field))) report([], nodeShapes, true);
    if (!fields.length) report([], nodeShapes);
    if (fields.length > maxChildren) report([], `at most ${maxChildren} fields`);
    const leaves: FilterNode[] = [];
    for (const [field, byOperator] of fields) {
      if (!fieldName.safeParse(field).success) report([field], 'a field name has 1 to 300 characters');
      const operators = Object.entries(byOperator);
      if (!operators.length) report([field], `needs an operator: ${filterOperators.join(', ')}`);
      for (const [op, value] of operators) {
        if (isFilterOperator(op)) leaves.push({ field, op, value });
        else report([field, op], unknownOperator);
      }
    }
    return leaves.length === 1 ? leaves[0] : { and: leaves };
  })
  .meta({
    description: 'The query string\'s spelling: {"<field>": {"<operator>": value}}; every pair must hold',
  });

const filterInputTree: z.ZodType<FilterNode, FilterNodeInput> = z
  .lazy(() =>
    z.union(
      [
        z.object({ and: z.array(filterInputTree).max(maxChildren) }).strict(),
        z.object({ or: z.array(filterInputTree).max(maxChildren) }).strict(),
        z.object({ not: filterInputTree }).strict(),
        z.object({ has: relatedRecords(filterInputTree) }).strict(),
        conditionLeaf,
        queryStringLeaf,
      ],
      nodeShapes,
    ),
  )
  .meta({ id: 'FilterNodeInput' });

/** A filter as clients send it, normalised to `{field, op, value}` leaves; what is stored and served is a FilterNode. */
export const filterNode: z.ZodType<FilterNode, FilterNodeInput> = filterInputTree.pipe(filterTree);

export const listQueryBody = z
  .object({
    filter: filterNode.optional(),
    sort: z.union([z.string(), z.array(z.string())]).optional(),
    limit: listLimit,
    cursor: z.string().max(2000).optional(),
    fields: z.array(z.string()).max(200).optional(),
    q: z.string().max(500).optional(),
    /** `true` counts every match; `"estimate"` counts up to 1,000 and estimates beyond */
    count: z.union([z.boolean(), z.literal('estimate')]).optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof listQueryBody>;
