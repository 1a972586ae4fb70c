import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../../web/routeRoots';

export const phoneContactsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/phone-contacts',
  component: lazyRouteComponent(() => import('./PhoneContactsPage'), 'PhoneContactsPage'),
});
