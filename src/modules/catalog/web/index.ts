import { IconBook, IconPackage } from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';

/** The catalogue: products and price books on the generic pages; a book's prices in one editor (admins edit them). */
export const catalogWebModule = {
  name: 'catalog',
  objects: { products: { icon: IconPackage, order: 60 }, priceBooks: { icon: IconBook, order: 61 } },
  recordPanels: [
    {
      object: 'priceBooks',
      key: 'entries',
      label: 'List prices',
      order: 0,
      component: lazyComponent(() => import('./PriceBookEntriesEditor'), 'PriceBookEntriesEditor'),
    },
  ],
} satisfies WebModule;
