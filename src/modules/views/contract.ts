import { z } from 'zod';
import { filterNode } from '../../common/pagination';

/** How a list shows its records: the table is built in, other layouts come from modules. */
export const listLayoutNames = ['table', 'board', 'calendar'] as const;
export const listLayoutName = z.enum(listLayoutNames);
export type ListLayoutName = z.infer<typeof listLayoutName>;

export const viewState = z
  .object({
    columns: z.array(z.string().max(100)).max(200),
    sort: z.string().max(500).default(''),
    filter: filterNode.nullable().default(null),
    q: z.string().max(500).nullable().default(null),
    /** left out means the table */
    layout: listLayoutName.optional(),
    /** the field a layout groups records by (a board's columns) */
    groupBy: z.string().max(100).optional(),
  })
  .strict();
export type ViewState = z.infer<typeof viewState>;

export const createViewInput = z
  .object({
    object: z.string().min(1).max(60),
    name: z.string().trim().min(1).max(120),
    shared: z.boolean().default(false),
    isDefault: z.boolean().default(false),
    state: viewState,
  })
  .strict();

export const updateViewInput = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    shared: z.boolean().optional(),
    isDefault: z.boolean().optional(),
    state: viewState.optional(),
  })
  .strict();

export const savedView = z.object({
  id: z.string(),
  object: z.string(),
  name: z.string(),
  ownerId: z.string(),
  shared: z.boolean(),
  isDefault: z.boolean(),
  state: viewState,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof savedView>;
