import { z } from 'zod';
import { filterNode } from '../../../common/pagination';
import { listLayoutName } from '../../../modules/views/contract';
import type { SavedView } from '../../api/views';

/** The list's state lives in the URL so a view can be linked, reloaded and shared. */
export const listSearch = z.object({
  q: z.string().max(500).optional().catch(undefined),
  sort: z.string().max(500).optional().catch(undefined),
  filter: filterNode.optional().catch(undefined),
  cols: z.array(z.string().max(100)).max(200).optional().catch(undefined),
  view: z.string().max(100).optional().catch(undefined),
  layout: listLayoutName.optional().catch(undefined),
  groupBy: z.string().max(100).optional().catch(undefined),
});
export type ListSearch = z.infer<typeof listSearch>;

/** The URL state that opens a saved view; empty parts stay out of the URL. */
export function searchOfView(view: SavedView): ListSearch {
  const { columns, sort, filter, q, layout, groupBy } = view.state;
  return {
    view: view.id,
    cols: columns.length ? columns : undefined,
    sort: sort || undefined,
    filter: filter ?? undefined,
    q: q ?? undefined,
    layout: layout === 'table' ? undefined : layout,
    groupBy,
  };
}
