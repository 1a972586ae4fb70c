import { IconShieldLock } from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';
import { privacyRoute } from './routes';

/** GDPR: consent, export and erasure on a contact's page; the retention rule and audit log for admins. */
export const privacyWebModule = {
  name: 'privacy',
  routes: [privacyRoute],
  navigation: [
    {
      to: '/settings/privacy',
      label: 'Privacy',
      icon: IconShieldLock,
      order: 93,
      section: 'workspace',
      visible: (session) => session.user.role === 'admin',
    },
  ],
  recordPanels: [
    {
      object: 'contacts',
      key: 'privacy',
      label: 'Privacy',
      component: lazyComponent(() => import('./PrivacyPanel'), 'PrivacyPanel'),
    },
  ],
} satisfies WebModule;
