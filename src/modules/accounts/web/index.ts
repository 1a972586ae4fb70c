import { IconBuilding } from '@tabler/icons-react';
import type { WebModule } from '../../../web/modules';

/** Accounts lead the navigation: Rapport is account-centric. Their people panel comes from contacts. */
export const accountsWebModule = {
  name: 'accounts',
  objects: { accounts: { icon: IconBuilding, order: 10 } },
} satisfies WebModule;
