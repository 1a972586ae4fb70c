import type { ServerModule } from '../../../server/platform';
import { activityObject } from './objects';

export { activityObject, activities } from './objects';
export { activityLinks, calendarFeeds, notifications } from './tables';
export { safeHtml } from './bodyHtml';

export const activitiesModule: ServerModule = {
  name: 'activities',
  objects: [activityObject],
};
