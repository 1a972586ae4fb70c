import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../../web/routeRoots';

export const scorecardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/scorecard',
  component: lazyRouteComponent(() => import('./ScorecardPage'), 'ScorecardPage'),
});
export const reportBuilderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/report-builder',
  component: lazyRouteComponent(() => import('./ReportBuilderPage'), 'ReportBuilderPage'),
});
export const dashboardsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dashboard',
  component: lazyRouteComponent(() => import('./DashboardsPage'), 'DashboardsPage'),
});
export const adoptionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/adoption',
  component: lazyRouteComponent(() => import('./AdoptionPage'), 'AdoptionPage'),
});
export const feedbackRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/feedback',
  component: lazyRouteComponent(() => import('./FeedbackInboxPage'), 'FeedbackInboxPage'),
});
