import type { ServerModule } from '../../../server/platform';
import { viewRoutes } from './routes';

/** A user's own and shared views of an object (the addressbook module serves contact views as address books). */
export { listViews } from './service';

export const viewsModule: ServerModule = { name: 'views', routes: viewRoutes };
