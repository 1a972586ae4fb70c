import { IconBellRinging, IconChartLine, IconLayoutKanban, IconTruckDelivery } from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';
import { orderNoticesRoute, ordersAnalysisRoute } from './routes';

/**
 * Orders: the list and a board by status, an account's orders with lifetime revenue and margin, the
 * analysis (prospect to payment, margins, revenue) and the notices of order moves.
 */
export const ordersWebModule = {
  name: 'orders',
  routes: [ordersAnalysisRoute, orderNoticesRoute],
  navigation: [
    { to: '/orders/analysis', label: 'Orders analysis', icon: IconChartLine, order: 28, section: 'insights' },
    { to: '/orders/notices', label: 'Order notices', icon: IconBellRinging, order: 46, section: 'records' },
  ],
  shellWidgets: [
    {
      key: 'order-notices',
      component: lazyComponent(() => import('./OrderNoticesButton'), 'OrderNoticesButton'),
    },
  ],
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
