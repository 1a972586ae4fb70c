import type { ServerModule } from '../../../server/platform';
import { addressBookRoutes } from './routes';

/** Contacts served to phones' address books over CardDAV, and the admin's switch for two-way sync. */
export const addressBookModule: ServerModule = { name: 'addressbook', routes: addressBookRoutes };
