import type { ServerModule } from '../../../server/platform';
import { authRoutes } from './routes';

export { authenticate, PrincipalCache } from './authenticate';
export { insertUser } from './service';
export { identities, users, workspaces, teams } from './tables';

export const authModule: ServerModule = { name: 'auth', routes: authRoutes };
