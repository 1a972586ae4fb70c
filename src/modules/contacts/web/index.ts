import { IconUsers } from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';

export { parseSignature, type SignatureFields } from './signature';

/** Contacts own the people-to-company relationships, so both sides of them show from here. */
export const contactsWebModule = {
  name: 'contacts',
  objects: { contacts: { icon: IconUsers, order: 20 } },
  recordPanels: [
    {
      object: 'accounts',
      key: 'people',
      label: 'People',
      component: lazyComponent(() => import('./AccountPeople'), 'AccountPeople'),
    },
    {
      object: 'contacts',
      key: 'companies',
      label: 'Companies',
      component: lazyComponent(() => import('./ContactAccounts'), 'ContactAccounts'),
    },
  ],
  recordFormAssists: [
    { object: 'contacts', component: lazyComponent(() => import('./SignatureAssist'), 'SignatureAssist') },
  ],
} satisfies WebModule;
