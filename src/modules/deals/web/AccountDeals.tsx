import { Anchor, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { apiRequest } from '../../../web/api/http';
import { useRecordPages } from '../../../web/api/records';
import type { RecordViewProps } from '../../../web/modules';
import { openRecordCreation } from '../../../web/shell/recordCreation';
import { forecastCategoryLabels, type ForecastCategory } from '../contract';
import { formatMoney } from '../../../web/components/fields/money';

interface CategoryRow {
  group: { forecastCategory: ForecastCategory | null; currency: string | null };
  values: [string | number | null];
}

/** Open pipeline and won revenue of an account, per currency, summed by the database. */
function useAccountTotals(accountId: string) {
  return useQuery({
    queryKey: ['records', 'deals', 'account-totals', accountId],
    queryFn: ({ signal }) =>
      apiRequest<{ data: CategoryRow[] }>('/deals/aggregate', {
        method: 'POST',
        signal,
        body: {
          filter: { field: 'accountId', op: 'eq', value: accountId },
          groupBy: ['forecastCategory', 'currency'],
          measures: [{ fn: 'sum', field: 'amount' }],
        },
      }).then((r) => r.data),
  });
}

function sums(rows: CategoryRow[], categories: ForecastCategory[]) {
  const byCurrency = new Map<string, number>();
  for (const r of rows)
    if (r.group.forecastCategory && categories.includes(r.group.forecastCategory) && r.group.currency)
      byCurrency.set(r.group.currency, (byCurrency.get(r.group.currency) ?? 0) + Number(r.values[0] ?? 0));
  return (
    [...byCurrency].map(([currency, total]) => formatMoney(total.toFixed(2), currency)).join(' + ') || '–'
  );
}

/** The account's deals, newest close date first, with its open pipeline and won revenue. */
export function AccountDeals({ record }: RecordViewProps) {
  const state = useMemo(
    () => ({ filter: { field: 'accountId', op: 'eq' as const, value: record.id }, sort: '-closeDate' }),
    [record.id],
  );
  const deals = useRecordPages('deals', state);
  const totals = useAccountTotals(record.id);
  const list = deals.data?.pages[0]?.data ?? [];
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5">
          Deals
        </Title>
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          onClick={() => openRecordCreation('deals', { accountId: record.id })}
        >
          New deal
        </Button>
      </Group>
      <Group gap="lg" mb="sm">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Open pipeline
          </Text>
          <Text size="sm" fw={600}>
            {totals.data ? sums(totals.data, ['pipeline', 'bestCase', 'commit']) : '…'}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Won revenue
          </Text>
          <Text size="sm" fw={600}>
            {totals.data ? sums(totals.data, ['closedWon']) : '…'}
          </Text>
        </Stack>
      </Group>
      {deals.isLoading && <Skeleton h={60} />}
      {!deals.isLoading && list.length === 0 && (
        <Text size="sm" c="dimmed">
          No deals with this account yet.
        </Text>
      )}
      <Stack gap="xs">
        {list.map((deal) => (
          <Group key={deal.id} justify="space-between" wrap="nowrap">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Anchor
                renderRoot={(props) => (
                  <Link {...props} to="/o/$object/$id" params={{ object: 'deals', id: deal.id }} />
                )}
                size="sm"
                fw={600}
                truncate
              >
                {String(deal.name)}
              </Anchor>
              <Text size="xs" c="dimmed">
                {typeof deal.closeDate === 'string'
                  ? dayjs(deal.closeDate).format('D MMM YYYY')
                  : 'No close date'}
              </Text>
            </Stack>
            <Stack gap={0} align="flex-end">
              <Text size="sm">
                {formatMoney(deal.amount as string | null, String(deal.currency ?? 'USD'))}
              </Text>
              {typeof deal.forecastCategory === 'string' && (
                <Text size="xs" c="dimmed">
                  {forecastCategoryLabels[deal.forecastCategory as ForecastCategory]}
                </Text>
              )}
            </Stack>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
