import type { ServerModule } from '../../../server/platform';
import { qualityRoutes } from './routes';

export { duplicatePairs, duplicateScans, merges, qualitySettingsTable } from './tables';

export const qualityModule: ServerModule = {
  name: 'quality',
  routes: qualityRoutes,
};
