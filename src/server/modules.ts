import { accountsModule } from '../modules/accounts/server';
import { authModule } from '../modules/auth/server';
import { contactsModule } from '../modules/contacts/server';
import { viewsModule } from '../modules/views/server';
import type { ServerModule } from './platform';

/** Every domain module's server half, in the order their routes register. */
export const serverModules: ServerModule[] = [authModule, accountsModule, contactsModule, viewsModule];
