import { IconActivity } from '@tabler/icons-react';
import { lazyComponent } from '../../../web/lazyComponent';
import type { PaletteCommand, RecordPanel, WebModule } from '../../../web/modules';
import { activityTypeLabels } from '../contract';
import { logActivity, loggableObjects, loggedTypes } from './logActivity';
import { NotificationBell } from './NotificationBell';

const timelinePanels: RecordPanel[] = loggableObjects.map((object) => ({
  object,
  key: 'timeline',
  label: 'Timeline',
  component: lazyComponent(() => import('./Timeline'), 'RecordTimeline'),
}));

const filesPanel: RecordPanel = {
  object: 'activities',
  key: 'files',
  label: 'Files',
  component: lazyComponent(() => import('./ActivityFiles'), 'ActivityFiles'),
};

const invitationPanel: RecordPanel = {
  object: 'activities',
  key: 'invitation',
  label: 'Invitation',
  component: lazyComponent(() => import('./MeetingInvitation'), 'MeetingInvitation'),
};

/** "Log a call" (note, meeting, task) against the record in view. */
const logCommands: PaletteCommand[] = loggedTypes.map((type) => ({
  key: `log-${type}`,
  label: (view) =>
    view && loggableObjects.includes(view.object) ? `Log a ${activityTypeLabels[type].toLowerCase()}` : null,
  run: (view) => view && logActivity.open({ type, object: view.object, id: view.id }),
}));

/** Activities: timelines on record pages, logging from the palette, My day, live reminders. */
export const activitiesWebModule = {
  name: 'activities',
  objects: { activities: { icon: IconActivity, order: 40 } },
  recordPanels: [...timelinePanels, filesPanel, invitationPanel],
  paletteCommands: logCommands,
  homeSections: [{ key: 'myDay', component: lazyComponent(() => import('./MyDay'), 'MyDay'), order: 10 }],
  shellWidgets: [{ key: 'notifications', component: NotificationBell }],
} satisfies WebModule;
