import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../../web/routeRoots';

export const boardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pipeline',
  component: lazyRouteComponent(() => import('./BoardPage'), 'BoardPage'),
});

export const pipelineSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/pipelines',
  component: lazyRouteComponent(() => import('./PipelineSettingsPage'), 'PipelineSettingsPage'),
});
