import type { ServerModule } from '../../../server/platform';
import { accountObject } from './objects';

export { accountObject } from './objects';
export { accounts } from './tables';

export const accountsModule: ServerModule = { name: 'accounts', objects: [accountObject] };
