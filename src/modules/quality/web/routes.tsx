import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../../web/routeRoots';

export const reviewQueueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/duplicates',
  component: lazyRouteComponent(() => import('./ReviewQueuePage'), 'ReviewQueuePage'),
});

export const validationRulesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/validation-rules',
  component: lazyRouteComponent(() => import('./ValidationRulesPage'), 'ValidationRulesPage'),
});

export const qualityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/quality',
  component: lazyRouteComponent(() => import('./QualityPage'), 'QualityPage'),
});
