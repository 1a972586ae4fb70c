import { IconUsers } from '@tabler/icons-react';
import type { WebModule } from '../../../web/modules';
import { AccountPeople } from './AccountPeople';
import { ContactAccounts } from './ContactAccounts';
import { SignatureAssist } from './SignatureAssist';

export { parseSignature, type SignatureFields } from './signature';

/** Contacts own the people-to-company relationships, so both sides of them show from here. */
export const contactsWebModule = {
  name: 'contacts',
  objects: { contacts: { icon: IconUsers, order: 20 } },
  recordPanels: [
    { object: 'accounts', key: 'people', label: 'People', component: AccountPeople },
    { object: 'contacts', key: 'companies', label: 'Companies', component: ContactAccounts },
  ],
  recordFormAssists: [{ object: 'contacts', component: SignatureAssist }],
} satisfies WebModule;
