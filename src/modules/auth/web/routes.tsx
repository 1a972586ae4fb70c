import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { needsTwoFactorSetup, sessionQuery } from '../../../web/api/session';
import { rootRoute } from '../../../web/routeRoots';
import { SignInPage } from './SignInPage';

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: z.object({
    redirect: z.string().max(2000).optional().catch(undefined),
    /** The workspace whose "Sign in with SSO" to show: the link an admin shares. */
    workspace: z.uuid().optional().catch(undefined),
    /** Why a single sign-on came back refused, in words. */
    ssoError: z.string().max(500).optional().catch(undefined),
  }),
  beforeLoad: async ({ context }) => {
    if (await context.queryClient.ensureQueryData(sessionQuery)) throw redirect({ to: '/' });
  },
  component: SignInPage,
});

export const joinRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/join',
  component: lazyRouteComponent(() => import('./JoinPage'), 'JoinPage'),
});

export const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  component: lazyRouteComponent(() => import('./ResetPasswordPage'), 'ResetPasswordPage'),
});

/** Outside the app's layout: its navigation and lists answer 403 until the second factor is set up. */
export const twoFactorSetupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/two-factor-setup',
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.fetchQuery(sessionQuery);
    if (!session) throw redirect({ to: '/sign-in', search: {} });
    if (!needsTwoFactorSetup(session)) throw redirect({ to: '/' });
  },
  component: lazyRouteComponent(() => import('./TwoFactorSetupPage'), 'TwoFactorSetupPage'),
});
