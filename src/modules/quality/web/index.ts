import { IconCopy, IconGauge, IconListCheck } from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';
import { duplicateChecks } from './duplicateCheck';
import { qualityRoute, reviewQueueRoute, validationRulesRoute } from './routes';

const panel = (object: string) => ({
  object,
  key: 'duplicates',
  label: 'Possible duplicates',
  order: -1,
  component: lazyComponent(() => import('./DuplicatesPanel'), 'DuplicatesPanel'),
});

/**
 * Data quality: possible duplicates on record pages, merges with undo, the review queue, validation rules,
 * possibly stale values and bounced emails beside the fields, the quality trend.
 */
export const qualityWebModule = {
  name: 'quality',
  routes: [reviewQueueRoute, validationRulesRoute, qualityRoute],
  navigation: [
    { to: '/duplicates', label: 'Duplicates', icon: IconCopy, order: 85, section: 'records' },
    { to: '/quality', label: 'Data quality', icon: IconGauge, order: 86, section: 'records' },
    {
      to: '/settings/validation-rules',
      label: 'Validation rules',
      icon: IconListCheck,
      order: 92,
      section: 'workspace',
      visible: (session) => session.user.role === 'admin',
    },
  ],
  recordPanels: ['contacts', 'accounts', 'deals'].flatMap((object) => [
    panel(object),
    {
      object,
      key: 'quality',
      label: 'Data quality',
      order: 90,
      component: lazyComponent(() => import('./QualityPanel'), 'QualityPanel'),
    },
  ]),
  recordTabs: ['contacts', 'accounts', 'deals'].map((object) => ({
    object,
    key: 'provenance',
    label: 'Sources',
    order: 95,
    component: lazyComponent(() => import('./ProvenanceTab'), 'ProvenanceTab'),
  })),
  fieldNotes: [
    ...['contacts', 'accounts', 'deals'].map((object) => ({
      object,
      key: 'stale',
      component: lazyComponent(() => import('./StaleNote'), 'StaleNote'),
    })),
    {
      object: 'contacts',
      key: 'bounce',
      component: lazyComponent(() => import('./BounceNote'), 'BounceNote'),
    },
  ],
  recordCreateChecks: duplicateChecks,
} satisfies WebModule;
