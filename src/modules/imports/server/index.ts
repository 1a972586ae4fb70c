import type { ServerModule } from '../../../server/platform';
import { importRoutes } from './routes';

export { imports, importRows, importChanges, importMappings } from './tables';
export { importRowOf } from './provenance';
export { arrayItem, keySql, keyText } from './matching';
/** For other modules' tests and the bench: an import through the HTTP API, waited for. */
export { importAndWait } from './importing';

export const importsModule: ServerModule = {
  name: 'imports',
  routes: importRoutes,
};
