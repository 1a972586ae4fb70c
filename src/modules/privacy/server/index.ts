import type { ServerModule } from '../../../server/platform';
import { privacyAdminRoutes } from './adminRoutes';
import { consentsOf } from './consents';
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
  // A contact's current consent per channel, for the API (`?include=consents`) and for modules that
  // reach out (the mail module refuses an email a contact withdrew consent to).
  includes: [
    {
      object: 'contacts',
      name: 'consents',
      load: async (ctx, id) => (await consentsOf(ctx, id)).current,
    },
  ],
};
