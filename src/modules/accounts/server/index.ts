import type { ServerModule } from '../../../server/platform';
import { accountObject } from './objects';

export { accountObject, accounts } from './objects';

export const accountsModule: ServerModule = { name: 'accounts', objects: [accountObject] };
