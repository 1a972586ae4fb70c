import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Notification } from '../contract';
import { activityKeys } from './api';

/**
 * Shows reminders as they fire, over server-sent events. The browser reconnects by itself and sends
 * the last id it saw, so reminders that fired while it was away are shown on return.
 */
export function ReminderListener() {
  const client = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/api/v1/me/events');
    source.addEventListener('notification', (event) => {
      const notification = JSON.parse((event as MessageEvent<string>).data) as Notification;
      notifications.show({
        id: `reminder-${notification.id}`,
        title: 'Reminder',
        message: notification.title,
        color: 'indigo',
        autoClose: false,
      });
      void client.invalidateQueries({ queryKey: activityKeys.day });
    });
    return () => source.close();
  }, [client]);
  return null;
}
