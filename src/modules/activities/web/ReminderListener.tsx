import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiRequest } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import { notificationKindLabels, type Notification } from '../contract';
import { activityKeys } from './api';

/**
 * Shows reminders as they fire, over server-sent events. The browser reconnects by itself and sends
 * the last id it saw, so reminders that fired while it was away are shown on return; unread ones are
 * shown again on the next visit until closed.
 */
export function ReminderListener() {
  const client = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/api/v1/me/events');
    source.addEventListener('notification', (event) => {
      const notification = JSON.parse((event as MessageEvent<string>).data) as Notification;
      notifications.show({
        id: `reminder-${notification.id}`,
        title: notificationKindLabels[notification.kind],
        message: notification.title,
        color: 'indigo',
        // Twenty seconds on screen, or closed, means seen: it is not shown again on the next page load.
        autoClose: 20_000,
        onClose: () =>
          void apiRequest('/me/notifications/read', {
            method: 'POST',
            body: { ids: [notification.id] },
          }).catch((e: unknown) => notifyFailure(e, 'Could not mark the reminder read')),
      });
      void client.invalidateQueries({ queryKey: activityKeys.day });
    });
    return () => source.close();
  }, [client]);
  return null;
}
