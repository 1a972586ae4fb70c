import { IconSettings } from '@tabler/icons-react';
import type { WebModule } from '../../../web/modules';
import { adminRoute } from './routes';

export const adminWebModule = {
  name: 'admin',
  routes: [adminRoute],
  navigation: [
    {
      to: '/admin',
      label: 'Admin',
      icon: IconSettings,
      order: 100,
      section: 'workspace',
      visible: (session) => session.user.role === 'admin',
    },
  ],
} satisfies WebModule;
