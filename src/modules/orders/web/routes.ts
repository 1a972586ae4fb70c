import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../../web/routeRoots';

export const ordersAnalysisRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/orders/analysis',
  component: lazyRouteComponent(() => import('./OrdersAnalysisPage'), 'OrdersAnalysisPage'),
});

export const orderNoticesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/orders/notices',
  component: lazyRouteComponent(() => import('./OrderNoticesPage'), 'OrderNoticesPage'),
});
