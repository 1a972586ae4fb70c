import type { ServerModule } from '../../../server/platform';
import { viewRoutes } from './routes';

export const viewsModule: ServerModule = { name: 'views', routes: viewRoutes };
