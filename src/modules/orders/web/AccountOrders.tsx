import { Decimal } from 'decimal.js';
import { Anchor, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useRecordPages } from '../../../web/api/records';
import { useSession } from '../../../web/api/session';
import type { RecordViewProps } from '../../../web/modules';
import { orderStatusLabels, type OrderStatus } from '../contract';

/** The account's orders, newest first, with its lifetime revenue and margin (rollups; the margin for roles that see it). */
export function AccountOrders({ record }: RecordViewProps) {
  const state = useMemo(
    () => ({ filter: { field: 'accountId', op: 'eq' as const, value: record.id }, sort: '-bookedAt' }),
    [record.id],
  );
  const orders = useRecordPages('orders', state);
  const currency = useSession()?.workspace.baseCurrency ?? '';
  const revenue = new Decimal((record.lifetimeRevenue as string | undefined) ?? 0);
  const margin = record.lifetimeMargin as string | undefined;
  const marginPercent =
    margin === undefined || revenue.isZero()
      ? null
      : new Decimal(margin).times(100).dividedBy(revenue).toFixed(2);
  const list = orders.data?.pages[0]?.data ?? [];
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h5" mb="xs">
        Orders
      </Title>
      <Group gap="lg" mb="sm">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Lifetime revenue
          </Text>
          <Text size="sm" fw={600}>
            {revenue.toFixed(2)} {currency}
          </Text>
        </Stack>
        {margin !== undefined && (
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Lifetime margin
            </Text>
            <Text size="sm" fw={600}>
              {new Decimal(margin).toFixed(2)} {currency}
              {marginPercent ? ` (${marginPercent}%)` : ''}
            </Text>
          </Stack>
        )}
      </Group>
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
