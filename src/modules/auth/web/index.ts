import type { WebModule } from '../../../web/modules';
import { signInRoute } from './routes';

export const authWebModule = {
  name: 'auth',
  publicRoutes: [signInRoute],
} satisfies WebModule;
