import type { FastifyInstance } from 'fastify';
import type { Platform, ServerModule } from '../../../server/platform';
import { dashboardObject, objectiveObject, reportObject } from './objects';
import { insertDefaultDashboards } from './defaultDashboards';
import { adoptionRoutes } from './adoptionRoutes';
import { scheduleReportMail } from './reportMail';
import { reportRoutes } from './reportRoutes';
import { scorecardRoutes } from './scorecardRoutes';
import { voiceRoutes } from './voiceRoutes';

export { catalogue } from './measures/catalogue';
export { insertDefaultDashboards } from './defaultDashboards';
export type { Measure, MeasureRange } from './measures/measure';

function insightsRoutes(app: FastifyInstance, platform: Platform) {
  scorecardRoutes(app, platform);
  reportRoutes(app, platform);
  voiceRoutes(app, platform);
  adoptionRoutes(app, platform);
  scheduleReportMail(platform);
}

export const insightsModule: ServerModule = {
  name: 'insights',
  objects: [objectiveObject, reportObject, dashboardObject],
  setupWorkspace: insertDefaultDashboards,
  routes: insightsRoutes,
};
