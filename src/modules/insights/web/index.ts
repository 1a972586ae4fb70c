import {
  IconChartBar,
  IconFileAnalytics,
  IconGauge,
  IconLayoutDashboard,
  IconMessageCircle,
  IconTarget,
  IconUsersGroup,
} from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';
import { recordFormEvent } from './formEvents';
import { adoptionRoute, dashboardsRoute, feedbackRoute, reportBuilderRoute, scorecardRoute } from './routes';

const managers = (session: { user: { role: string } }) => ['admin', 'manager'].includes(session.user.role);

/** Insights: the scorecard "Is Rapport working?", reports, dashboards, adoption, feedback and the monthly question. */
export const insightsWebModule = {
  name: 'insights',
  routes: [scorecardRoute, reportBuilderRoute, dashboardsRoute, adoptionRoute, feedbackRoute],
  objects: {
    objectives: { icon: IconTarget, order: 91, section: 'insights' },
    reports: { icon: IconFileAnalytics, order: 92, section: 'insights' },
    dashboards: { icon: IconLayoutDashboard, order: 93, section: 'insights' },
  },
  navigation: [
    {
      to: '/scorecard',
      label: 'Is Rapport working?',
      icon: IconGauge,
      order: 5,
      section: 'insights',
      visible: managers,
    },
    {
      to: '/dashboard',
      label: 'Dashboard',
      icon: IconLayoutDashboard,
      order: 6,
      section: 'insights',
    },
    { to: '/report-builder', label: 'Report builder', icon: IconChartBar, order: 7, section: 'insights' },
    { to: '/adoption', label: 'Adoption', icon: IconUsersGroup, order: 80, section: 'workspace' },
    { to: '/feedback', label: 'Feedback', icon: IconMessageCircle, order: 81, section: 'workspace' },
  ],
  // Managers and admins see first whether the CRM is working; reps keep their day first (they do not see this).
  homeSections: [
    {
      key: 'scorecardSummary',
      component: lazyComponent(() => import('./ScorecardSummary'), 'ScorecardSummary'),
      order: 0,
      visible: managers,
    },
    // After My day: praise for the week, when the workspace has turned it on and there is some.
    {
      key: 'weeklyHighlight',
      component: lazyComponent(() => import('./WeeklyHighlight'), 'WeeklyHighlight'),
      order: 20,
    },
  ],
  shellWidgets: [
    { key: 'feedback', component: lazyComponent(() => import('./FeedbackButton'), 'FeedbackButton') },
    { key: 'usefulness', component: lazyComponent(() => import('./UsefulnessPrompt'), 'UsefulnessPrompt') },
  ],
  formWatchers: [
    {
      key: 'friction',
      onEvent: recordFormEvent,
      fieldAction: lazyComponent(() => import('./InMyWay'), 'InMyWay'),
    },
  ],
} satisfies WebModule;
