import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { formatDateTime } from '../../../web/components/fields/format';
import { useMarkNoticeRead, useOrderNotices } from './api';

/**
 * The notices of order moves for the people who provision and support: each opens the order and the
 * account page, where the account's whole history is, and is marked read by hand.
 */
export function OrderNoticesPage() {
  const notices = useOrderNotices();
  const markRead = useMarkNoticeRead();
  const list = notices.data ?? [];
  const unread = list.filter((n) => !n.readAt).length;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h3">
          Order notices
        </Title>
        {list.length > 0 && <Text size="sm">{unread === 0 ? 'All read' : `${unread} unread`}</Text>}
      </Group>
      {notices.isLoading && <Text c="dimmed">Loading…</Text>}
      {!notices.isLoading && list.length === 0 && (
        <Text c="dimmed">
          No notices. The people an admin names for provisioning and support hear here of every move of an
          order.
        </Text>
      )}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {list.map((n) => (
          <Card key={n.id} component="li" withBorder padding="sm" aria-label={n.title}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={2}>
                <Group gap="xs">
                  {!n.readAt && (
                    <Badge size="sm" color="red.9" variant="filled">
                      New
                    </Badge>
                  )}
                  <Text size="sm" fw={n.readAt ? 400 : 600}>
                    {n.title}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {formatDateTime(n.createdAt)}
                </Text>
                <Group gap="md">
                  <Anchor
                    size="sm"
                    renderRoot={(props) => (
                      <Link {...props} to="/o/$object/$id" params={{ object: 'orders', id: n.orderId }} />
                    )}
                  >
                    Open the order
                  </Anchor>
                  {n.accountId && (
                    <Anchor
                      size="sm"
                      renderRoot={(props) => (
                        <Link
                          {...props}
                          to="/o/$object/$id"
                          params={{ object: 'accounts', id: n.accountId! }}
                        />
                      )}
                    >
                      The account and its history
                    </Anchor>
                  )}
                </Group>
              </Stack>
              {!n.readAt && (
                <Button
                  size="xs"
                  variant="default"
                  loading={markRead.isPending && markRead.variables === n.id}
                  onClick={() => markRead.mutate(n.id)}
                >
                  Mark read
                </Button>
              )}
            </Group>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
