import type { Platform, ServerModule } from '../../../server/platform';
import { calendarRoutes } from './routes';
import { syncAll, syncAllJob, syncConnection, syncJob } from './sync';

/** A sync per connection at a time; every five minutes each connection with a calendar is synced. */
function defineSyncJobs(platform: Platform) {
  platform.jobs.define<{ workspaceId: string; connectionId: string }>(
    syncJob,
    ({ workspaceId, connectionId }) => syncConnection(platform, workspaceId, connectionId),
    { policy: 'stately', retryLimit: 2, expireInSeconds: 900, batchSize: 5 },
  );
  platform.jobs.define(syncAllJob, () => syncAll(platform), { cron: '*/5 * * * *', retryLimit: 0 });
}

export const calendarsModule: ServerModule = {
  name: 'calendars',
  routes(app, platform) {
    defineSyncJobs(platform);
    calendarRoutes(app, platform);
  },
};
