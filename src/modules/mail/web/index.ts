import { IconInbox, IconMail, IconMailCog } from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';
import { mailboxRoute, mailReviewRoute, mailSettingsRoute } from './routes';

const composer = lazyComponent(() => import('./SendEmailPanel'), 'SendEmailPanel');

/** Mail: settings (admin), the user's mailbox and its health, the review list, and "Send email" on records. */
export const mailWebModule = {
  name: 'mail',
  routes: [mailSettingsRoute, mailboxRoute, mailReviewRoute],
  navigation: [
    { to: '/mail/review', label: 'Mail to review', icon: IconInbox, order: 40, section: 'records' },
    { to: '/mail/mailbox', label: 'My mailbox', icon: IconMail, order: 41, section: 'records' },
    {
      to: '/settings/mail',
      label: 'Mail',
      icon: IconMailCog,
      order: 92,
      section: 'workspace',
      visible: (session) => session.user.role === 'admin',
    },
  ],
  recordTabs: ['contacts', 'accounts', 'deals'].map((object) => ({
    object,
    key: 'email',
    label: 'Email',
    order: 90,
    component: composer,
  })),
  timelineActions: [
    {
      key: 'reply',
      activityTypes: ['email'],
      component: lazyComponent(() => import('./TimelineReply'), 'TimelineReply'),
    },
  ],
} satisfies WebModule;
