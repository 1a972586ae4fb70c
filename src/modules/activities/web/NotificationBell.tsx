import { ActionIcon, Anchor, Button, Group, Indicator, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBell } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiRequest } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import { notificationKindLabels, type Notification } from '../contract';
import { activityKeys } from './api';

/** A notification made this long before the page connected still pops up; older ones wait in the bell. */
const freshMs = 60_000;
const shownInBell = 30;
/** The width below which lists become cards (RecordGrid) and live notices only count on the bell. */
const phoneWidth = '(max-width: 36em)';

function markRead(ids: string[]) {
  return apiRequest('/me/notifications/read', { method: 'POST', body: { ids } }).catch((e: unknown) =>
    notifyFailure(e, 'Could not mark the notification read'),
  );
}

/**
 * The user's unread notifications, live over server-sent events. One that happens while the app is
 * open also pops up for twenty seconds (not on a phone, where it would cover the page); the ones that
 * happened while the user was away wait behind the bell's count, so a page never opens under a pile
 * of notices.
 */
export function NotificationBell() {
  const client = useQueryClient();
  const [unread, setUnread] = useState<Notification[]>([]);
  const [open, setOpen] = useState(false);
  const connectedAt = useRef(Date.now());

  const read = useCallback((ids: string[]) => {
    setUnread((list) => list.filter((n) => !ids.includes(n.id)));
    void markRead(ids);
  }, []);

  useEffect(() => {
    const source = new EventSource('/api/v1/me/events');
    source.addEventListener('notification', (event) => {
      const notification = JSON.parse((event as MessageEvent<string>).data) as Notification;
      if (notification.readAt) return;
      setUnread((list) =>
        list.some((n) => n.id === notification.id) ? list : [notification, ...list].slice(0, shownInBell),
      );
      void client.invalidateQueries({ queryKey: activityKeys.day });
      if (Date.parse(notification.at) < connectedAt.current - freshMs) return;
      // A phone has no room beside the page: the bell's count is the notice there.
      if (window.matchMedia(phoneWidth).matches) return;
      notifications.show({
        id: `notification-${notification.id}`,
        title: notificationKindLabels[notification.kind],
        message: notification.title,
        color: 'indigo',
        // Twenty seconds on screen, or closed, means seen.
        autoClose: 20_000,
        onClose: () => read([notification.id]),
      });
    });
    return () => source.close();
  }, [client, read]);

  const label = unread.length ? `Notifications, ${unread.length} unread` : 'Notifications';
  return (
    <Popover opened={open} onChange={setOpen} position="bottom-end" width={320} shadow="md">
      <Popover.Target>
        <Tooltip label={label}>
          <Indicator label={unread.length} size={16} disabled={!unread.length} offset={6} color="red">
            <ActionIcon variant="subtle" size="lg" aria-label={label} onClick={() => setOpen((o) => !o)}>
              <IconBell size={18} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        {unread.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing new. Reminders and approvals show here as they happen.
          </Text>
        ) : (
          <Stack gap="xs">
            {unread.map((n) => (
              <Stack key={n.id} gap={0}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="xs" c="dimmed">
                    {notificationKindLabels[n.kind]} · {dayjs(n.at).format('D MMM, HH:mm')}
                  </Text>
                  <Anchor component="button" size="xs" onClick={() => read([n.id])}>
                    Read
                  </Anchor>
                </Group>
                {n.activityId ? (
                  <Anchor
                    size="sm"
                    renderRoot={(props) => (
                      <Link
                        {...props}
                        to="/o/$object/$id"
                        params={{ object: 'activities', id: n.activityId! }}
                      />
                    )}
                    onClick={() => {
                      read([n.id]);
                      setOpen(false);
                    }}
                  >
                    {n.title}
                  </Anchor>
                ) : (
                  <Text size="sm">{n.title}</Text>
                )}
              </Stack>
            ))}
            <Button variant="subtle" size="xs" onClick={() => read(unread.map((n) => n.id))}>
              Mark all read
            </Button>
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
