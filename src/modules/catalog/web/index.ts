import { IconBook, IconPackage } from '@tabler/icons-react';
import type { WebModule } from '../../../web/modules';

/** The catalogue: products and price books, on the generic list and record pages (admins edit them). */
export const catalogWebModule = {
  name: 'catalog',
  objects: { products: { icon: IconPackage, order: 60 }, priceBooks: { icon: IconBook, order: 61 } },
} satisfies WebModule;
