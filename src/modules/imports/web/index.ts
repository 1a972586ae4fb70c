import { IconFileImport } from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';
import { importRoute } from './routes';

/** Imports: the wizard from a spreadsheet or address book to records. */
export const importsWebModule = {
  name: 'imports',
  routes: [importRoute],
  recordPanels: [
    {
      object: 'contacts',
      key: 'photo',
      label: 'Photo',
      order: 5,
      component: lazyComponent(() => import('./ContactPhotoPanel'), 'ContactPhotoPanel'),
    },
  ],
  navigation: [
    {
      to: '/import',
      label: 'Import',
      icon: IconFileImport,
      order: 80,
      section: 'records',
      // Viewers read; an import writes.
      visible: (session) => session.user.role !== 'viewer',
    },
  ],
} satisfies WebModule;
