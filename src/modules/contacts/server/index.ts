import type { ServerModule } from '../../../server/platform';
import { contactObject } from './objects';
import { contactMergeMoves } from './mergeMoves';
import { accountContacts } from './relations';
import { contactRoutes } from './routes';

export { contactObject, contacts } from './objects';
export { contactAccounts } from './tables';
export { contactAccounts as accountsOfContact } from './relations';

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
  mergeMoves: contactMergeMoves,
  routes: contactRoutes,
};
