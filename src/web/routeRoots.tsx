import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, Outlet, redirect } from '@tanstack/react-router';
import { needsTwoFactorSetup, sessionQuery } from './api/session';
import { AppLayout } from './shell/AppLayout';
import { NotFoundPage } from './pages/NotFoundPage';

export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

/** Everything behind sign-in hangs under this layout route. */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    if (needsTwoFactorSetup(session)) throw redirect({ to: '/two-factor-setup' });
    return { session };
  },
  component: AppLayout,
});
