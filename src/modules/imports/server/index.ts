import type { ServerModule } from '../../../server/platform';
import type { DuplicateRules } from './duplicates';
import { importRoutes } from './routes';
import { contactPhotosMove } from './photos';

export { imports, importRows, importChanges, importMappings } from './tables';
export { importRowOf } from './provenance';
export { arrayItem, keySql, keyText } from './matching';
/** For other modules' tests and the bench: an import through the HTTP API, waited for. */
export { importAndWait } from './importing';
/** vCard reading and writing, for the address books phones sync (the addressbook module). */
export { components, unescapeText, vcardCards, type VcardProperty } from './vcard';
export { contactVcard, escapeText, fold } from './vcardExport';

export type { DuplicateRules } from './duplicates';
export { forgetContactPhotos } from './photos';

/**
 * The imports module, with the quality module's duplicate rules to flag likely duplicates among the
 * records an import creates (null: none are flagged).
 */
export const importsModule = (duplicates: DuplicateRules | null): ServerModule => ({
  name: 'imports',
  mergeMoves: [contactPhotosMove],
  routes: (app, platform) => importRoutes(app, platform, duplicates),
});
