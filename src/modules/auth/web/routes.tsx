import { createRoute, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { sessionQuery } from '../../../web/api/session';
import { rootRoute } from '../../../web/routeRoots';
import { SignInPage } from './SignInPage';

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: z.object({ redirect: z.string().max(2000).optional().catch(undefined) }),
  beforeLoad: async ({ context }) => {
    if (await context.queryClient.ensureQueryData(sessionQuery)) throw redirect({ to: '/' });
  },
  component: SignInPage,
});
