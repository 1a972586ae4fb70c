import { IconCopy } from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';
import { reviewQueueRoute } from './routes';

const panel = (object: string) => ({
  object,
  key: 'duplicates',
  label: 'Possible duplicates',
  order: -1,
  component: lazyComponent(() => import('./DuplicatesPanel'), 'DuplicatesPanel'),
});

/** Data quality: possible duplicates on record pages, merges with undo, the review queue. */
export const qualityWebModule = {
  name: 'quality',
  routes: [reviewQueueRoute],
  navigation: [{ to: '/duplicates', label: 'Duplicates', icon: IconCopy, order: 85, section: 'records' }],
  recordPanels: [panel('contacts'), panel('accounts'), panel('deals')],
} satisfies WebModule;
