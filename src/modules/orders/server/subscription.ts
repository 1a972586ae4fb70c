import type { Subscription } from '../../../server/engine';

/** An accepted quote becomes its order, in the same transaction as the acceptance. */
export const acceptedQuoteSubscription: Subscription = {
  object: 'quotes',
  hooks: {
    async afterWrite(scope, written) {
      const accepted = written.filter(
        (w) =>
          w.changed.includes('status') && w.after.status === 'accepted' && w.before?.status !== 'accepted',
      );
      if (accepted.length)
        await scope.records.create(
          'orders',
          accepted.map((w, i) => ({ body: { quoteId: w.id }, path: `order.${i}` })),
        );
    },
  },
};
