import { lazyComponent } from '../../../web/lazyComponent';

/** The "Calendar sync" card of the user's profile, loaded when the profile opens. */
export const CalendarSyncCard = lazyComponent(() => import('./CalendarSyncCard'), 'CalendarSyncCard');
