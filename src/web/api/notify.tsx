import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlugConnectedX } from '@tabler/icons-react';
import { ApiError } from './http';

/** One clear message for a failed call; the caller keeps whatever the user typed. */
export function notifyFailure(error: unknown, action = 'That did not work'): void {
  if (error instanceof ApiError && error.status === 0) {
    notifications.show({
      id: 'connection-lost',
      color: 'red',
      icon: <IconPlugConnectedX size={18} />,
      title: 'Connection lost',
      message: 'Rapport cannot reach the server. Your changes are kept here; try again in a moment.',
    });
    return;
  }
  if (error instanceof ApiError && error.status >= 500) {
    notifications.show({
      color: 'red',
      icon: <IconAlertTriangle size={18} />,
      title: 'The server had a problem',
      message: 'Nothing was lost on this screen. Try again in a moment.',
    });
    return;
  }
  notifications.show({
    color: 'red',
    icon: <IconAlertTriangle size={18} />,
    title: action,
    message: error instanceof Error ? error.message : String(error),
  });
}
