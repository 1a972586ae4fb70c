import type { ServerModule } from '../../../server/platform';
import { lifetimeRollups } from './lifetime';
import { orderObject } from './objects';
import { orderRoutes } from './routes';
import { acceptedQuoteSubscription } from './subscription';

export { orderObject, orders } from './objects';
export { seedOrdersDemo } from './demo';

export const ordersModule: ServerModule = {
  name: 'orders',
  objects: [orderObject],
  subscriptions: [acceptedQuoteSubscription],
  computedFields: lifetimeRollups,
  routes: orderRoutes,
};
