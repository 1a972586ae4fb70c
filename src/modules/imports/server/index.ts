import type { ServerModule } from '../../../server/platform';
import { importRoutes } from './routes';

export { imports, importRows, importChanges, importMappings } from './tables';
export { importRowOf } from './provenance';

export const importsModule: ServerModule = {
  name: 'imports',
  routes: importRoutes,
};
