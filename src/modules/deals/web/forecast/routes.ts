import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../../../web/routeRoots';

export const forecastRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/forecast',
  component: lazyRouteComponent(() => import('./ForecastPage'), 'ForecastPage'),
});

export const analyticsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pipeline/analytics',
  component: lazyRouteComponent(() => import('../analytics/AnalyticsPage'), 'AnalyticsPage'),
});

export const forecastSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/forecast',
  component: lazyRouteComponent(() => import('./ForecastSettingsPage'), 'ForecastSettingsPage'),
});
