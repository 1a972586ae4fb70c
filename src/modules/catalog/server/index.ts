import type { ServerModule } from '../../../server/platform';
import { priceBookObject, productObject } from './objects';

export { seedCatalogDemo } from './demo';
export { priceBooks, products, priceBookObject, productObject } from './objects';

export const catalogModule: ServerModule = {
  name: 'catalog',
  objects: [productObject, priceBookObject],
};
