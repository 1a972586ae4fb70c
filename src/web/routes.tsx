import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { objectsQuery } from './api/metadata';
import { recordPagesOptions } from './api/records';
import { listSearch } from './components/list/listSearch';
import { RecordListPage } from './components/list/RecordListPage';
import { HomePage } from './pages/HomePage';
import { appRoute } from './routeRoots';

export const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: HomePage,
});

export const listRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/o/$object',
  validateSearch: listSearch,
  loaderDeps: ({ search }) => ({ sort: search.sort, filter: search.filter, q: search.q }),
  // Starts the first page on hover (preload) without holding the navigation until it arrives.
  loader: async ({ context, params, deps }) => {
    const objects = await context.queryClient.ensureQueryData(objectsQuery);
    if (objects.some((o) => o.name === params.object))
      void context.queryClient.prefetchInfiniteQuery(recordPagesOptions(params.object, deps));
  },
  component: RecordListPage,
});

export const recordRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/o/$object/$id',
  loader: ({ context }) => context.queryClient.ensureQueryData(objectsQuery),
  component: lazyRouteComponent(() => import('./components/record/RecordPage'), 'RecordPage'),
});

export const binRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/o/$object/bin',
  loader: ({ context }) => context.queryClient.ensureQueryData(objectsQuery),
  component: lazyRouteComponent(() => import('./components/bin/RecycleBinPage'), 'RecycleBinPage'),
});
