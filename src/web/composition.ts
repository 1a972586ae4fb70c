import { accountsWebModule } from '../modules/accounts/web';
import { adminWebModule } from '../modules/admin/web';
import { authWebModule } from '../modules/auth/web';
import { contactsWebModule } from '../modules/contacts/web';
import { dealsWebModule } from '../modules/deals/web';
import { insightsWebModule } from '../modules/insights/web';
import type { WebModule } from './modules';

/** Every domain module's web half: the one file of src/web that may import src/modules. */
export const webModules = [
  authWebModule,
  accountsWebModule,
  contactsWebModule,
  dealsWebModule,
  insightsWebModule,
  adminWebModule,
] satisfies WebModule[];

// Typed as declared (not as AnyRoute) so that links and search params to module pages stay checked.
// The element type is spelled out: with routes in several modules, flatMap cannot unite their array types.
type ModuleRoute = Extract<(typeof webModules)[number], { routes: unknown }>['routes'][number];
type ModulePublicRoute = Extract<
  (typeof webModules)[number],
  { publicRoutes: unknown }
>['publicRoutes'][number];
export const moduleRoutes = webModules.flatMap<ModuleRoute>((m) => ('routes' in m ? m.routes : []));
export const modulePublicRoutes = webModules.flatMap<ModulePublicRoute>((m) =>
  'publicRoutes' in m ? m.publicRoutes : [],
);
