import type { ServerModule } from '../../../server/platform';
import { qualityRoutes } from './routes';
import { validationRoutes } from './validationRoutes';
import { validationRulesSubscription } from './validationRules';

export { duplicatePairs, duplicateScans, merges, qualitySettingsTable, validationRules } from './tables';

export const qualityModule: ServerModule = {
  name: 'quality',
  subscriptions: [validationRulesSubscription],
  routes: (app, platform) => {
    qualityRoutes(app, platform);
    validationRoutes(app, platform);
  },
};
