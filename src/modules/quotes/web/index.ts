import { IconChecklist, IconFileInvoice, IconListDetails } from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';
import { approvalInboxRoute } from './routes';

/** Quotes: the builder on the quote's page, a deal's quotes, the approval inbox for managers. */
export const quotesWebModule = {
  name: 'quotes',
  routes: [approvalInboxRoute],
  // A deal's line items are edited on the deal, not browsed as a list of their own.
  objects: {
    quotes: { icon: IconFileInvoice, order: 40 },
    dealLineItems: { icon: IconListDetails, section: 'none' },
  },
  navigation: [
    {
      to: '/approvals',
      label: 'Approvals',
      icon: IconChecklist,
      order: 42,
      section: 'records',
      visible: (session) => session.user.role === 'admin' || session.user.role === 'manager',
    },
  ],
  recordPanels: [
    {
      object: 'quotes',
      key: 'builder',
      label: 'Lines',
      order: 0,
      component: lazyComponent(() => import('./QuoteBuilder'), 'QuoteBuilder'),
    },
    {
      object: 'deals',
      key: 'lineItems',
      label: 'Line items',
      component: lazyComponent(() => import('./DealLineItems'), 'DealLineItems'),
    },
    {
      object: 'deals',
      key: 'quotes',
      label: 'Quotes',
      component: lazyComponent(() => import('./DealQuotes'), 'DealQuotes'),
    },
  ],
} satisfies WebModule;
