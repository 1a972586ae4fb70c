import type { ServerModule } from '../../../server/platform';
import { dealLineItemObject, quoteObject } from './objects';
import { quoteRoutes } from './routes';

export { quoteObject, quotes } from './objects';
export { seedQuotesDemo } from './demo';

export const quotesModule: ServerModule = {
  name: 'quotes',
  objects: [quoteObject, dealLineItemObject],
  routes: quoteRoutes,
};
export { quoteTestWorkspace, type Rec } from './testWorkspace';
