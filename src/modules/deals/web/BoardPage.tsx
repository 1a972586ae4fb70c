import {
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { Alert, Group, NumberInput, ScrollArea, Select, Skeleton, Stack, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useObjectMeta } from '../../../web/api/metadata';
import { TeamSelect } from '../../../web/components/fields/TeamSelect';
import { UserSelect } from '../../../web/components/fields/UserSelect';
import type { CrmRecord } from '../../../web/api/records';
import { useBoardTotals, usePipelines } from './api';
import { BoardColumn } from './BoardColumn';
import { boardFilter, closePeriods, type BoardFilters, type ClosePeriod } from './boardFilter';
import { DealCard } from './DealCard';
import { RefusedMoveDialog } from './MissingCriteriaDialog';
import { useBoardMoves } from './useBoardMoves';

const noFilters: BoardFilters = {
  ownerId: null,
  teamId: null,
  closePeriod: null,
  minAmount: null,
  maxAmount: null,
};
const amountOrNull = (v: string | number) => (v === '' ? null : Number(v));

/** The pipeline as a board: a column per stage with its totals; drag a deal to move it. */
export function BoardPage() {
  const pipelines = usePipelines();
  // Read from the address, not the router's typed search: this page is part of the router's own type.
  const [chosen, setChosen] = useState(() => new URLSearchParams(window.location.search).get('pipeline'));
  const list = pipelines.data ?? [];
  const pipeline = list.find((p) => p.id === chosen) ?? list.find((p) => p.isDefault) ?? list[0];
  const [filters, setFilters] = useState<BoardFilters>(noFilters);
  const filter = useMemo(() => (pipeline ? boardFilter(pipeline.id, filters) : null), [pipeline, filters]);
  const totals = useBoardTotals(pipeline?.id, filters);
  const moves = useBoardMoves();
  // An admin may hide the amount from a role: then there is nothing to filter by.
  const seesAmount = useObjectMeta('deals')?.fields.some((f) => f.name === 'amount') ?? false;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );

  if (pipelines.isLoading) return <Skeleton h={400} />;
  if (!pipeline || !filter)
    return (
      <Alert color="yellow">There is no pipeline yet: an admin creates one in Pipelines settings.</Alert>
    );

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const deal = active.data.current?.deal as CrmRecord | undefined;
    if (deal && over && over.id !== deal.stageId) void moves.moveDeal(deal, String(over.id));
  };
  const set = (patch: Partial<BoardFilters>) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <Title order={1} size="h3">
            Pipeline
          </Title>
          <Select
            aria-label="Pipeline"
            data={list.map((p) => ({ value: p.id, label: p.name }))}
            value={pipeline.id}
            allowDeselect={false}
            onChange={(id) => {
              setChosen(id);
              window.history.replaceState(window.history.state, '', `/pipeline?pipeline=${id ?? ''}`);
            }}
            w={220}
          />
        </Group>
        <Group align="flex-end" gap="xs">
          <UserSelect
            label="Owner"
            placeholder="Anyone"
            clearable
            value={filters.ownerId}
            onChange={(ownerId) => set({ ownerId })}
            w={180}
          />
          <TeamSelect
            label="Team"
            placeholder="Any team"
            clearable
            value={filters.teamId}
            onChange={(teamId) => set({ teamId })}
            w={160}
          />
          <Select
            label="Closing"
            placeholder="Any time"
            clearable
            data={closePeriods.map((p) => ({ value: p.value, label: p.label }))}
            value={filters.closePeriod}
            onChange={(v) => set({ closePeriod: v as ClosePeriod | null })}
            w={150}
          />
          {seesAmount && (
            <>
              <NumberInput
                label="Amount from"
                min={0}
                value={filters.minAmount ?? ''}
                onChange={(v) => set({ minAmount: amountOrNull(v) })}
                w={130}
              />
              <NumberInput
                label="Amount to"
                min={0}
                value={filters.maxAmount ?? ''}
                onChange={(v) => set({ maxAmount: amountOrNull(v) })}
                w={130}
              />
            </>
          )}
        </Group>
      </Group>
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" wrap="nowrap" gap="sm">
            {pipeline.stages.map((stage) => (
              <BoardColumn
                key={stage.id}
                stage={stage}
                filter={filter}
                totals={totals.data?.get(stage.id)}
                columnDeals={moves.columnDeals}
                renderCard={(deal) => (
                  <DealCard
                    key={deal.id}
                    deal={deal}
                    stages={pipeline.stages}
                    onMove={(d, s) => void moves.moveDeal(d, s)}
                  />
                )}
              />
            ))}
          </Group>
        </ScrollArea>
      </DndContext>
      <RefusedMoveDialog moves={moves} stages={pipeline.stages} />
    </Stack>
  );
}
