import { useDroppable } from '@dnd-kit/core';
import { Badge, Button, Group, Paper, ScrollArea, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import type { FilterNode } from '../../../common/pagination';
import { type CrmRecord, useRecordPages } from '../../../web/api/records';
import type { Stage } from '../contract';
import type { StageTotals } from './api';
import { stageFilter } from './boardFilter';
import { formatMoney } from '../../../web/components/fields/money';

interface BoardColumnProps {
  stage: Stage;
  filter: FilterNode;
  totals: StageTotals[] | undefined;
  columnDeals: (stageId: string, loaded: CrmRecord[]) => CrmRecord[];
  renderCard: (deal: CrmRecord) => React.ReactNode;
}

const sum = (amount: string | null, currency: string) =>
  amount === null ? '—' : formatMoney(amount, currency, true);

/** The column's sums in the base currency, as the database converted and added them up ("—" where hidden). */
function Totals({ totals }: { totals: StageTotals[] | undefined }) {
  if (!totals?.length)
    return (
      <Text size="xs" c="dimmed">
        No deals
      </Text>
    );
  return (
    <Stack gap={0}>
      {totals.map((t) => (
        <Text key={t.currency} size="xs" c="dimmed">
          {sum(t.amount, t.currency)} · weighted {sum(t.weighted, t.currency)}
        </Text>
      ))}
    </Stack>
  );
}

/** One stage of the board: its totals, its deals by close date, and more on demand. */
export function BoardColumn({ stage, filter, totals, columnDeals, renderCard }: BoardColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id, data: { stage } });
  const state = useMemo(
    () => ({ filter: stageFilter(filter, stage.id), sort: 'closeDate' }),
    [filter, stage.id],
  );
  const pages = useRecordPages('deals', state);
  const loaded = pages.data?.pages.flatMap((p) => p.data) ?? [];
  const deals = columnDeals(stage.id, loaded);
  const count = totals?.reduce((n, t) => n + t.count, 0) ?? 0;
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="xs"
      w={272}
      miw={272}
      role="region"
      aria-label={`${stage.name}: ${count} deals`}
      data-stage={stage.name}
      bg={isOver ? 'var(--mantine-color-blue-light)' : undefined}
    >
      <Stack gap={4} mb="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h6">
            {stage.name}
          </Title>
          <Group gap={4} wrap="nowrap">
            <Badge variant="light" size="sm" aria-label={`${count} deals`}>
              {count}
            </Badge>
            <Text size="xs" fw={600} aria-label={`probability ${stage.probability}%`}>
              {stage.probability}%
            </Text>
          </Group>
        </Group>
        <Totals totals={totals} />
      </Stack>
      <ScrollArea.Autosize mah="calc(100vh - 300px)" type="auto" offsetScrollbars>
        <Stack gap="xs" mih={80}>
          {pages.isLoading && <Skeleton h={72} />}
          {deals.map(renderCard)}
          {pages.hasNextPage && (
            <Button
              variant="subtle"
              size="xs"
              loading={pages.isFetchingNextPage}
              onClick={() => void pages.fetchNextPage()}
            >
              Show more
            </Button>
          )}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}
