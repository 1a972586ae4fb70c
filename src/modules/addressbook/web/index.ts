import { IconAddressBook } from '@tabler/icons-react';
import type { WebModule } from '../../../web/modules';
import { phoneContactsRoute } from './routes';

/** Address books: how to see Rapport's contacts in a phone's contacts app, and the admin's two-way switch. */
export const addressBookWebModule = {
  name: 'addressbook',
  routes: [phoneContactsRoute],
  navigation: [
    {
      to: '/settings/phone-contacts',
      label: 'Contacts on your phone',
      icon: IconAddressBook,
      order: 93,
      section: 'workspace',
    },
  ],
} satisfies WebModule;
