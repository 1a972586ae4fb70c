import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../../web/routeRoots';

export const mailSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/mail',
  component: lazyRouteComponent(() => import('./MailSettingsPage'), 'MailSettingsPage'),
});

export const mailboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/mail/mailbox',
  component: lazyRouteComponent(() => import('./MailboxPage'), 'MailboxPage'),
});

export const mailReviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/mail/review',
  component: lazyRouteComponent(() => import('./ReviewPage'), 'ReviewPage'),
});
