import { accountsWebModule } from '../modules/accounts/web';
import { activitiesWebModule } from '../modules/activities/web';
import { addressBookWebModule } from '../modules/addressbook/web';
import { adminWebModule } from '../modules/admin/web';
import { authWebModule } from '../modules/auth/web';
import { catalogWebModule } from '../modules/catalog/web';
import { contactsWebModule } from '../modules/contacts/web';
import { dealsWebModule } from '../modules/deals/web';
import { leadsWebModule } from '../modules/leads/web';
import { mailWebModule } from '../modules/mail/web';
import { importsWebModule } from '../modules/imports/web';
import { qualityWebModule } from '../modules/quality/web';
import { privacyWebModule } from '../modules/privacy/web';
import { ordersWebModule } from '../modules/orders/web';
import { quotesWebModule } from '../modules/quotes/web';
import { insightsWebModule } from '../modules/insights/web';
import type { WebModule } from './modules';

/** Every domain module's web half: the one file of src/web that may import src/modules. */
export const webModules = [
  authWebModule,
  accountsWebModule,
  contactsWebModule,
  dealsWebModule,
  leadsWebModule,
  activitiesWebModule,
  mailWebModule,
  importsWebModule,
  qualityWebModule,
  privacyWebModule,
  quotesWebModule,
  ordersWebModule,
  catalogWebModule,
  insightsWebModule,
  addressBookWebModule,
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
