import type { ServerModule } from '../../../server/platform';
import { leadAssignmentSubscription } from './assign';
import { leadRoutes } from './routes';

export { leadAssignmentRules, leadScoringRules } from './tables';
export { seedLeadDemo } from './demo';

export const leadsModule: ServerModule = {
  name: 'leads',
  subscriptions: [leadAssignmentSubscription],
  routes: leadRoutes,
};
