import type { ServerModule } from '../../../server/platform';
import { approvalNoticesSubscriber, deliverApprovalNotices } from './approvalNotices';
import { defineQuoteExpiry } from './expiry';
import { dealLineItemObject, quoteObject } from './objects';
import { quoteRoutes } from './routes';

export { quoteObject, quotes } from './objects';
export { seedQuotesDemo } from './demo';

export const quotesModule: ServerModule = {
  name: 'quotes',
  objects: [quoteObject, dealLineItemObject],
  routes(app, platform) {
    quoteRoutes(app, platform);
    defineQuoteExpiry(platform);
    platform.events.subscribe(
      approvalNoticesSubscriber,
      { objects: ['quotes'], types: ['updated'] },
      (event) => deliverApprovalNotices(platform, event),
    );
  },
};
export { quoteTestWorkspace, type Rec } from './testWorkspace';
