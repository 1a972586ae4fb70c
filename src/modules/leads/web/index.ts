import { IconSettingsBolt, IconUserBolt } from '@tabler/icons-react';
import type { WebModule } from '../../../web/modules';
import { leadSettingsRoute, leadsRoute } from './routes';

/** Leads: a rep's queue with scores and speed to lead, and the admins' scoring and assignment rules. */
export const leadsWebModule = {
  name: 'leads',
  routes: [leadsRoute, leadSettingsRoute],
  navigation: [
    { to: '/leads', label: 'Leads', icon: IconUserBolt, order: 24, section: 'records' },
    {
      to: '/settings/leads',
      label: 'Lead rules',
      icon: IconSettingsBolt,
      order: 91,
      section: 'workspace',
      visible: (session) => session.user.role === 'admin',
    },
  ],
} satisfies WebModule;
