import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../../web/routeRoots';

export const scorecardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/insights',
  component: lazyRouteComponent(() => import('./ScorecardPage'), 'ScorecardPage'),
});
export const reportBuilderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/insights/reports',
  component: lazyRouteComponent(() => import('./ReportBuilderPage'), 'ReportBuilderPage'),
});
export const dashboardsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/insights/dashboards',
  component: lazyRouteComponent(() => import('./DashboardsPage'), 'DashboardsPage'),
});
export const adoptionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/insights/adoption',
  component: lazyRouteComponent(() => import('./AdoptionPage'), 'AdoptionPage'),
});
export const feedbackRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/insights/feedback',
  component: lazyRouteComponent(() => import('./FeedbackInboxPage'), 'FeedbackInboxPage'),
});
