import { Anchor, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { apiRequest } from '../../../web/api/http';
import { useRecordPages } from '../../../web/api/records';
import type { RecordViewProps } from '../../../web/modules';
import { orderStatusLabels, type OrderStatus } from '../contract';

interface Margin {
  currency: string;
  data: { revenue: string; margin: string; marginPercent: string | null }[];
}

/** The account's orders, newest first, with its lifetime revenue and margin (for roles that see costs). */
export function AccountOrders({ record }: RecordViewProps) {
  const state = useMemo(
    () => ({ filter: { field: 'accountId', op: 'eq' as const, value: record.id }, sort: '-bookedAt' }),
    [record.id],
  );
  const orders = useRecordPages('orders', state);
  const lifetime = useQuery({
    queryKey: ['records', 'orders', 'lifetime', record.id],
    retry: false,
    queryFn: () => apiRequest<Margin>(`/orders/margin?by=account&accountId=${record.id}`),
  });
  const list = orders.data?.pages[0]?.data ?? [];
  const totals = lifetime.data?.data[0];
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h5" mb="xs">
        Orders
      </Title>
      {lifetime.data && (
        <Group gap="lg" mb="sm">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Lifetime revenue
            </Text>
            <Text size="sm" fw={600}>
              {totals?.revenue ?? '0.00'} {lifetime.data.currency}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Lifetime margin
            </Text>
            <Text size="sm" fw={600}>
              {totals?.margin ?? '0.00'} {lifetime.data.currency}
              {totals?.marginPercent ? ` (${totals.marginPercent}%)` : ''}
            </Text>
          </Stack>
        </Group>
      )}
      {orders.isLoading && <Skeleton h={40} />}
      {!orders.isLoading && list.length === 0 && (
        <Text size="sm" c="dimmed">
          No orders from this account yet.
        </Text>
      )}
      <Stack gap="xs">
        {list.map((o) => (
          <Group key={o.id} justify="space-between" wrap="nowrap">
            <Anchor
              renderRoot={(props) => (
                <Link {...props} to="/o/$object/$id" params={{ object: 'orders', id: o.id }} />
              )}
              size="sm"
              fw={600}
              truncate
            >
              {String(o.title)}
            </Anchor>
            <Text size="sm">
              {String(o.total ?? '')} {String(o.currency ?? '')} ·{' '}
              {orderStatusLabels[o.status as OrderStatus]}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
