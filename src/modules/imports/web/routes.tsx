import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from '../../../web/routeRoots';

export const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/import',
  validateSearch: z.object({ object: z.string().max(100).optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('./ImportPage'), 'ImportPage'),
});
