import type { ServerModule } from '../../../server/platform';
import { importRoutes } from './routes';

export { imports, importRows, importChanges, importMappings } from './tables';
export { importRowOf } from './provenance';
export { arrayItem, keySql, keyText } from './matching';
/** For other modules' tests and the bench: an import through the HTTP API, waited for. */
export { importAndWait } from './importing';
/** vCard reading and writing, for the address books phones sync (the addressbook module). */
export { components, unescapeText, vcardCards, type VcardProperty } from './vcard';
export { contactVcard, escapeText, fold } from './vcardExport';

export const importsModule: ServerModule = {
  name: 'imports',
  routes: importRoutes,
};
