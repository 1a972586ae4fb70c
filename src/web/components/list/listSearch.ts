import { z } from 'zod';
import { filterNode } from '../../../common/pagination';

/** The list's state lives in the URL so a view can be linked, reloaded and shared. */
export const listSearch = z.object({
  q: z.string().max(500).optional().catch(undefined),
  sort: z.string().max(500).optional().catch(undefined),
  filter: filterNode.optional().catch(undefined),
  cols: z.array(z.string().max(100)).max(200).optional().catch(undefined),
  view: z.string().max(100).optional().catch(undefined),
});
export type ListSearch = z.infer<typeof listSearch>;
