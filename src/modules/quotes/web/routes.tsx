import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../../web/routeRoots';

export const approvalInboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/approvals',
  component: lazyRouteComponent(() => import('./ApprovalInboxPage'), 'ApprovalInboxPage'),
});
