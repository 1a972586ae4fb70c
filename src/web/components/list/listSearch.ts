import { z } from 'zod';
import { filterNode } from '../../../common/pagination';
import { listLayoutName } from '../../../modules/views/contract';
import type { SavedView, SavedViewState } from '../../api/views';

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

/** JSON with object keys sorted: the URL and the server may order a filter's keys differently. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The parts of the list's state a view saves, empty parts left out. */
function savedParts(search: ListSearch): string {
  const { cols, sort, filter, q, layout, groupBy } = search;
  return canonical({ cols, sort, filter, q, layout, groupBy });
}

/** Whether the list shows something other than what its view saved (the view's "modified" state). */
export function differsFromView(search: ListSearch, view: SavedView): boolean {
  return savedParts(search) !== savedParts(searchOfView(view));
}

/** A link that names a view and nothing else (`?view=<id>`) opens what the view saved. */
export function isBareViewLink(search: ListSearch): boolean {
  return Boolean(search.view) && Object.entries(search).every(([k, v]) => k === 'view' || v === undefined);
}

/** What "save view" stores for the list as it is on screen. */
export function viewStateOf(search: ListSearch, columns: string[]): SavedViewState {
  return {
    columns,
    sort: search.sort ?? '',
    filter: search.filter ?? null,
    q: search.q ?? null,
    layout: search.layout,
    groupBy: search.groupBy,
  };
}
