import {
  IconChartBar,
  IconLayoutKanban,
  IconReportMoney,
  IconRoute,
  IconTargetArrow,
} from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';
import { DealContactsInput, DealContactsValue } from './DealContactsField';
import { analyticsRoute, forecastRoute, forecastSettingsRoute } from './forecast/routes';
import { boardRoute, pipelineSettingsRoute } from './routes';
import { StageInput, StageValue } from './StageField';

/** Deals: the board per pipeline, the deal's stage path and checklist, an account's deals, pipeline settings. */
export const dealsWebModule = {
  name: 'deals',
  routes: [boardRoute, pipelineSettingsRoute, forecastRoute, forecastSettingsRoute, analyticsRoute],
  // Pipelines are set up in Settings › Pipelines, not browsed as a list.
  objects: {
    deals: { icon: IconReportMoney, order: 30 },
    pipelines: { icon: IconRoute, order: 90, section: 'none' },
  },
  navigation: [
    { to: '/pipeline', label: 'Pipeline board', icon: IconLayoutKanban, order: 25, section: 'records' },
    { to: '/forecast', label: 'Forecast', icon: IconTargetArrow, order: 26, section: 'insights' },
    {
      to: '/pipeline/analytics',
      label: 'Pipeline analytics',
      icon: IconChartBar,
      order: 27,
      section: 'insights',
    },
    {
      to: '/settings/pipelines',
      label: 'Pipelines',
      icon: IconRoute,
      order: 90,
      section: 'workspace',
      visible: (session) => session.user.role === 'admin',
    },
    {
      to: '/settings/forecast',
      label: 'Forecast settings',
      icon: IconTargetArrow,
      order: 90,
      section: 'workspace',
      visible: (session) => session.user.role === 'admin',
    },
  ],
  recordPanels: [
    {
      object: 'deals',
      key: 'stage',
      label: 'Stage',
      order: 0,
      component: lazyComponent(() => import('./DealStagePanel'), 'DealStagePanel'),
    },
    {
      object: 'contacts',
      key: 'convert-lead',
      label: 'Lead',
      order: 0,
      component: lazyComponent(() => import('./conversion/ConvertLeadPanel'), 'ConvertLeadPanel'),
    },
    {
      object: 'accounts',
      key: 'deals',
      label: 'Deals',
      component: lazyComponent(() => import('./AccountDeals'), 'AccountDeals'),
    },
  ],
  // After My day: the rep's own open deals whose close date passed, gone quiet, or without a next step.
  homeSections: [
    {
      key: 'dealsNeedingAttention',
      component: lazyComponent(() => import('./DealsNeedingAttention'), 'DealsNeedingAttention'),
      order: 11,
    },
  ],
  fields: [
    { object: 'deals', field: 'stageId', display: StageValue, input: StageInput },
    { object: 'deals', field: 'contacts', display: DealContactsValue, input: DealContactsInput },
  ],
} satisfies WebModule;
