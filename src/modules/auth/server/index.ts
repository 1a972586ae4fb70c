import type { ServerModule } from '../../../server/platform';
import { defineForgotPasswordJob } from './emails';
import { invitationRoutes } from './invitationRoutes';
import { passkeyRoutes } from './passkeyRoutes';
import { profileRoutes } from './profileRoutes';
import { authRoutes } from './routes';
import { ssoRoutes } from './ssoRoutes';
import { workspaceExportRoutes } from './workspaceExportRoutes';

export { authenticate, authenticateApiKey, PrincipalCache } from './authenticate';
export { insertUser } from './service';
export { identities, users, workspaces, teams } from './tables';

export const authModule: ServerModule = {
  name: 'auth',
  routes(app, platform) {
    authRoutes(app, platform);
    profileRoutes(app, platform);
    invitationRoutes(app, platform);
    ssoRoutes(app, platform);
    passkeyRoutes(app, platform);
    workspaceExportRoutes(app, platform);
    defineForgotPasswordJob(platform);
  },
};
