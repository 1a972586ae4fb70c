import { Anchor, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import { useCreateRecord, useRecordPages } from '../../../web/api/records';
import type { RecordViewProps } from '../../../web/modules';
import { quoteStatusLabels, type QuoteStatus } from '../contract';

/** The deal's quotes, newest first, and the button that starts one from the deal. */
export function DealQuotes({ record }: RecordViewProps) {
  const state = useMemo(
    () => ({ filter: { field: 'dealId', op: 'eq' as const, value: record.id }, sort: '-createdAt' }),
    [record.id],
  );
  const quotes = useRecordPages('quotes', state);
  const create = useCreateRecord('quotes');
  const navigate = useNavigate();
  const list = quotes.data?.pages[0]?.data ?? [];
  const start = () =>
    create
      .mutateAsync({ dealId: record.id })
      .then((q) => navigate({ to: '/o/$object/$id', params: { object: 'quotes', id: q.id } }))
      .catch((error: unknown) => notifyFailure(error, 'No quote was made'));
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5">
          Quotes
        </Title>
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          onClick={start}
          loading={create.isPending}
        >
          New quote
        </Button>
      </Group>
      {quotes.isLoading && <Skeleton h={40} />}
      {!quotes.isLoading && list.length === 0 && (
        <Text size="sm" c="dimmed">
          No quotes for this deal yet.
        </Text>
      )}
      <Stack gap="xs">
        {list.map((q) => (
          <Group key={q.id} justify="space-between" wrap="nowrap">
            <Anchor
              renderRoot={(props) => (
                <Link {...props} to="/o/$object/$id" params={{ object: 'quotes', id: q.id }} />
              )}
              size="sm"
              fw={600}
              truncate
            >
              {String(q.title)}
            </Anchor>
            <Text size="sm">
              {String(q.total ?? '')} {String(q.currency ?? '')} ·{' '}
              {quoteStatusLabels[q.status as QuoteStatus]}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
