import { Anchor, Card, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ListLayoutProps } from '../../../web/modules';
import { orderStatuses, orderStatusLabels, type OrderStatus } from '../contract';

/** The loaded orders in one column per status, in the order they move through. */
export function OrderBoard({ rows, empty }: ListLayoutProps) {
  if (rows.length === 0) return <>{empty}</>;
  const byStatus = new Map<OrderStatus, typeof rows>(orderStatuses.map((s) => [s, []]));
  for (const row of rows) byStatus.get(row.status as OrderStatus)?.push(row);
  return (
    <ScrollArea>
      <Group align="flex-start" wrap="nowrap" gap="sm" p="xs">
        {orderStatuses.map((status) => (
          <Stack key={status} w={240} gap="xs" aria-label={orderStatusLabels[status]} role="region">
            <Title order={2} size="h6">
              {orderStatusLabels[status]} ({byStatus.get(status)!.length})
            </Title>
            {byStatus.get(status)!.map((order) => (
              <Card key={order.id} withBorder padding="xs">
                <Anchor
                  renderRoot={(props) => (
                    <Link {...props} to="/o/$object/$id" params={{ object: 'orders', id: order.id }} />
                  )}
                  size="sm"
                  fw={600}
                >
                  {String(order.title)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {String(order.total ?? '')} {String(order.currency ?? '')} · paid{' '}
                  {String(order.paidTotal ?? '0')}
                </Text>
              </Card>
            ))}
          </Stack>
        ))}
      </Group>
    </ScrollArea>
  );
}
