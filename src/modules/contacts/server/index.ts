import type { ServerModule } from '../../../server/platform';
import { contactObject } from './objects';
import { accountContacts } from './relations';
import { contactRoutes } from './routes';

export { contactObject } from './objects';
export { contacts, contactAccounts } from './tables';

export const contactsModule: ServerModule = {
  name: 'contacts',
  objects: [contactObject],
  includes: [
    {
      object: 'accounts',
      name: 'contacts',
      load: (ctx, id, objects) => accountContacts(ctx, id, objects.get('contacts')!),
    },
  ],
  routes: contactRoutes,
};
