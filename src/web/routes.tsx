import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { objectsQuery } from './api/metadata';
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
  loader: ({ context }) => context.queryClient.ensureQueryData(objectsQuery),
  component: RecordListPage,
});

export const recordRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/o/$object/$id',
  loader: ({ context }) => context.queryClient.ensureQueryData(objectsQuery),
  component: lazyRouteComponent(() => import('./components/record/RecordPage'), 'RecordPage'),
});
