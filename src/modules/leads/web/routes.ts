import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../../web/routeRoots';

export const leadsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads',
  component: lazyRouteComponent(() => import('./LeadsPage'), 'LeadsPage'),
});

export const leadSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/leads',
  component: lazyRouteComponent(() => import('./LeadSettingsPage'), 'LeadSettingsPage'),
});
