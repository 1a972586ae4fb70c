import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { modulePublicRoutes, moduleRoutes } from './composition';
import { appRoute, rootRoute } from './routeRoots';
import { binRoute, homeRoute, listRoute, recordRoute } from './routes';
import { RouteError } from './pages/RouteError';
import { RoutePending } from './pages/RoutePending';

const routeTree = rootRoute.addChildren([
  ...modulePublicRoutes,
  appRoute.addChildren([homeRoute, listRoute, binRoute, recordRoute, ...moduleRoutes]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: RoutePending,
    // Every route gets its own error boundary: a failed call never leaves a blank page.
    defaultErrorComponent: RouteError,
    defaultPendingMs: 150,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
