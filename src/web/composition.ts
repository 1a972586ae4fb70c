import { accountsWebModule } from '../modules/accounts/web';
import { adminWebModule } from '../modules/admin/web';
import { authWebModule } from '../modules/auth/web';
import { contactsWebModule } from '../modules/contacts/web';
import { dealsWebModule } from '../modules/deals/web';
import type { WebModule } from './modules';

/** Every domain module's web half: the one file of src/web that may import src/modules. */
export const webModules = [
  authWebModule,
  accountsWebModule,
  contactsWebModule,
  dealsWebModule,
  adminWebModule,
] satisfies WebModule[];

// Typed as declared (not as AnyRoute) so that links and search params to module pages stay checked.
export const moduleRoutes = webModules.flatMap((m) => ('routes' in m ? [...m.routes] : []));
export const modulePublicRoutes = webModules.flatMap((m) => ('publicRoutes' in m ? m.publicRoutes : []));
