import { describe, expect, it } from 'vitest';
import type { SavedView } from '../../api/views';
import { listSearch, searchOfView } from './listSearch';

const view = (state: SavedView['state']): SavedView => ({
  id: 'v1',
  object: 'deals',
  name: 'By stage',
  ownerId: 'u1',
  shared: false,
  isDefault: false,
  state,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('list state in the URL', () => {
  it('keeps a layout and a grouping, and drops a layout it does not know', () => {
    expect(listSearch.parse({ layout: 'board', groupBy: 'stage' })).toEqual({
      layout: 'board',
      groupBy: 'stage',
    });
    expect(listSearch.parse({ layout: 'gantt', groupBy: 'stage' })).toEqual({
      layout: undefined,
      groupBy: 'stage',
    });
  });

  it('opens a saved view with its layout and grouping, the table staying out of the URL', () => {
    const filter = { field: 'amount', op: 'gt', value: 100 } as const;
    expect(
      searchOfView(
        view({ columns: ['name'], sort: '-amount', filter, q: null, layout: 'board', groupBy: 'stage' }),
      ),
    ).toEqual({
      view: 'v1',
      cols: ['name'],
      sort: '-amount',
      filter,
      q: undefined,
      layout: 'board',
      groupBy: 'stage',
    });
    expect(searchOfView(view({ columns: [], sort: '', filter: null, q: 'acme', layout: 'table' }))).toEqual({
      view: 'v1',
      cols: undefined,
      sort: undefined,
      filter: undefined,
      q: 'acme',
      layout: undefined,
      groupBy: undefined,
    });
  });
});
