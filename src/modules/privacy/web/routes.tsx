import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../../web/routeRoots';

export const privacyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/privacy',
  component: lazyRouteComponent(() => import('./PrivacyPage'), 'PrivacyPage'),
});
