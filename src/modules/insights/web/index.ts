import {
  IconChartBar,
  IconGauge,
  IconLayoutDashboard,
  IconMessageCircle,
  IconUsersGroup,
} from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { WebModule } from '../../../web/modules';
import { adoptionRoute, dashboardsRoute, feedbackRoute, reportBuilderRoute, scorecardRoute } from './routes';

const managers = (session: { user: { role: string } }) => ['admin', 'manager'].includes(session.user.role);

/** Insights: the scorecard "Is Rapport working?", reports, dashboards, adoption, feedback and the monthly question. */
export const insightsWebModule = {
  name: 'insights',
  routes: [scorecardRoute, reportBuilderRoute, dashboardsRoute, adoptionRoute, feedbackRoute],
  navigation: [
    {
      to: '/insights',
      label: 'Is Rapport working?',
      icon: IconGauge,
      order: 5,
      section: 'records',
      visible: managers,
    },
    {
      to: '/insights/dashboards',
      label: 'Dashboards',
      icon: IconLayoutDashboard,
      order: 6,
      section: 'records',
    },
    { to: '/insights/reports', label: 'Reports', icon: IconChartBar, order: 7, section: 'records' },
    { to: '/insights/adoption', label: 'Adoption', icon: IconUsersGroup, order: 80, section: 'workspace' },
    { to: '/insights/feedback', label: 'Feedback', icon: IconMessageCircle, order: 81, section: 'workspace' },
  ],
  shellWidgets: [
    { key: 'feedback', component: lazyComponent(() => import('./FeedbackButton'), 'FeedbackButton') },
    { key: 'usefulness', component: lazyComponent(() => import('./UsefulnessPrompt'), 'UsefulnessPrompt') },
  ],
} satisfies WebModule;
