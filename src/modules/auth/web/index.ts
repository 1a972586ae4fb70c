import type { WebModule } from '../../../web/modules';
import { profileRoute } from './profileRoute';
import { joinRoute, resetPasswordRoute, signInRoute, twoFactorSetupRoute } from './routes';

export const authWebModule = {
  name: 'auth',
  routes: [profileRoute],
  publicRoutes: [signInRoute, joinRoute, resetPasswordRoute, twoFactorSetupRoute],
} satisfies WebModule;
