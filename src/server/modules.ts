import { accountsModule } from '../modules/accounts/server';
import { addressBookModule } from '../modules/addressbook/server';
import { activitiesModule } from '../modules/activities/server';
import { authModule } from '../modules/auth/server';
import { catalogModule } from '../modules/catalog/server';
import { contactsModule } from '../modules/contacts/server';
import { dealsModule } from '../modules/deals/server';
import { leadsModule } from '../modules/leads/server';
import { mailModule } from '../modules/mail/server';
import { calendarsModule } from '../modules/calendars/server';
import { importsModule } from '../modules/imports/server';
import { duplicateThreshold, likeness, narrowNameLookups, qualityModule } from '../modules/quality/server';
import { privacyModule } from '../modules/privacy/server';
import { ordersModule } from '../modules/orders/server';
import { quotesModule } from '../modules/quotes/server';
import { insightsModule } from '../modules/insights/server';
import { viewsModule } from '../modules/views/server';
import { Registry } from './engine';
import type { ServerModule } from './platform';

/** Every domain module's server half, in the order their routes register. */
export const serverModules: ServerModule[] = [
  authModule,
  accountsModule,
  contactsModule,
  dealsModule,
  leadsModule,
  activitiesModule,
  mailModule,
  calendarsModule,
  catalogModule,
  quotesModule,
  ordersModule,
  viewsModule,
  importsModule({ threshold: duplicateThreshold, likeness, narrowNameLookups }),
  qualityModule,
  privacyModule,
  insightsModule,
  addressBookModule,
];

/** The objects of these modules, with every module's subscriptions to them and computed fields on them. */
export function registryOf(modules: ServerModule[] = serverModules): Registry {
  return new Registry(
    modules.flatMap((m) => m.objects ?? []),
    modules.flatMap((m) => m.subscriptions ?? []),
    modules.flatMap((m) => m.computedFields ?? []),
  );
}
