import type { ServerModule } from '../../../server/platform';
import { attachmentRoutes } from './attachmentRoutes';
import { scheduleDigests } from './digest';
import { NotificationBus } from './notificationBus';
import { notificationRoutes } from './notificationRoutes';
import { activityObject } from './objects';
import { defineReminders } from './reminders';
import { firstTouchSubscriptions } from './firstTouch';
import { activityRoutes } from './routes';

export { activityObject, activities } from './objects';
export { activityLinks, calendarFeeds, notifications } from './tables';
export { safeHtml } from './bodyHtml';
export { attachmentsOf, forgetAttachments } from './attachments';
export { seedActivityDemo } from './demo';
export { rebuildFirstTouches } from './firstTouch';
export { escapeText, foldLine, utcStamp } from './ics';
export { recurrenceError } from './recurrence';

export const activitiesModule: ServerModule = {
  name: 'activities',
  objects: [activityObject],
  subscriptions: firstTouchSubscriptions,
  routes(app, platform) {
    const bus = new NotificationBus();
    defineReminders(platform, bus);
    scheduleDigests(platform);
    activityRoutes(app, platform);
    attachmentRoutes(app, platform);
    notificationRoutes(app, platform, bus);
  },
};
