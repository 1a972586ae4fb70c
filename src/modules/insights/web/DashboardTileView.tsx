import { ActionIcon, Alert, Card, Group, Loader, Text } from '@mantine/core';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { IconGripVertical, IconX } from '@tabler/icons-react';
import { useSession } from '../../../web/api/session';
import { useWorkspaceUsers } from '../../../web/api/users';
import type { DashboardFilters, DashboardTile, ScorecardTile } from '../contract';
import { type SavedReport, useRunReport } from './api';
import { MeasureTile } from './MeasureTile';
import { ReportChart } from './ReportChart';
import { narrowed } from './reportTile';

function ReportTile({ report, filters }: { report: SavedReport; filters: DashboardFilters | null }) {
  const session = useSession();
  const viewer = { userId: session?.user.id ?? '', teamId: session?.user.teamId ?? null };
  const members = useWorkspaceUsers();
  const answer = useRunReport(narrowed(report, filters, viewer, members));
  if (answer.error) return <Alert color="red">{answer.error.message}</Alert>;
  if (!answer.data) return <Loader size="sm" />;
  return <ReportChart definition={report.definition} answer={answer.data} name={report.name} />;
}

/** One tile of a dashboard, dragged by its handle to a new place in the grid of `columns`. */
export function DashboardTileView(props: {
  tile: DashboardTile;
  columns: number;
  reports: SavedReport[];
  measures: ScorecardTile[];
  filters: DashboardFilters | null;
  currency: string;
  onRemove: () => void;
}) {
  const { tile, columns, reports, measures, filters, currency, onRemove } = props;
  const sortable = useSortable({ id: tile.id });
  const report = tile.kind === 'report' ? reports.find((r) => r.id === tile.ref) : undefined;
  const measure = tile.kind === 'measure' ? measures.find((m) => m.measure === tile.ref) : undefined;
  return (
    <div
      ref={sortable.setNodeRef}
      style={{
        transform: CSS.Transform.toString(sortable.transform),
        transition: sortable.transition,
        gridColumn: `span ${Math.min(tile.width, columns)}`,
      }}
    >
      <Card withBorder padding="sm" h="100%" data-testid={`dashboard-tile-${tile.kind}`}>
        <Group justify="space-between" mb={4} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            aria-label="Move tile"
            {...sortable.attributes}
            {...sortable.listeners}
          >
            <IconGripVertical size={16} />
          </ActionIcon>
          <Text size="sm" fw={600} truncate>
            {report?.name ?? measure?.label ?? 'Missing tile'}
          </Text>
          <ActionIcon variant="subtle" color="gray" aria-label="Remove tile" onClick={onRemove}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
        {report && <ReportTile report={report} filters={filters} />}
        {measure && <MeasureTile tile={measure} currency={currency} />}
        {!report && !measure && (
          <Text size="sm" c="dimmed">
            This report or measure is gone.
          </Text>
        )}
      </Card>
    </div>
  );
}
