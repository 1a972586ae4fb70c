import { IconLayoutKanban, IconTruckDelivery } from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';

/** Orders: the list and a board by status, an account's orders with lifetime revenue and margin. */
export const ordersWebModule = {
  name: 'orders',
  objects: { orders: { icon: IconTruckDelivery, order: 45 } },
  listLayouts: [
    {
      name: 'board',
      label: 'Board by status',
      icon: IconLayoutKanban,
      objects: ['orders'],
      component: lazyComponent(() => import('./OrderBoard'), 'OrderBoard'),
    },
  ],
  recordPanels: [
    {
      object: 'accounts',
      key: 'orders',
      label: 'Orders',
      component: lazyComponent(() => import('./AccountOrders'), 'AccountOrders'),
    },
  ],
} satisfies WebModule;
