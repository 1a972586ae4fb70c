import type { ServerModule } from '../../../server/platform';
import { privacyAdminRoutes } from './adminRoutes';
import { defineRetentionJob } from './retentionJob';
import { contactPrivacyRoutes } from './routes';

export { consents, privacyAudit, privacySettingsTable, retentionFlags } from './tables';

/** GDPR: consent per contact and channel, subject access export, erasure, retention, and their audit log. */
export const privacyModule: ServerModule = {
  name: 'privacy',
  routes(app, platform) {
    defineRetentionJob(platform);
    contactPrivacyRoutes(app, platform);
    privacyAdminRoutes(app, platform);
  },
};
