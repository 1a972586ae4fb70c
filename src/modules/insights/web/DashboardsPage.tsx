import '@mantine/charts/styles.css';
import {
  DndContext,
  closestCenter,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  rectSortingStrategy,
  SortableContext,
  sortableKeyboardCoordinates,
} from '@dnd-kit/sortable';
import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import { useSession } from '../../../web/api/session';
import { useWorkspaceTeams, useWorkspaceUsers } from '../../../web/api/users';
import { dashboardTileLimit, type DashboardFilters, type DashboardTile } from '../contract';
import { type Dashboard, useDashboards, useSaveDashboard, useSavedReports, useScorecard } from './api';
import { DashboardTileView } from './DashboardTileView';

/** Grids of reports and scorecard tiles, arranged by drag and drop, narrowed by period, owner and team. */
export function DashboardsPage() {
  const session = useSession();
  const dashboards = useDashboards().data ?? [];
  const reports = useSavedReports().data ?? [];
  const measures = useScorecard(['admin', 'manager'].includes(session?.user.role ?? '')).data?.tiles ?? [];
  const users = useWorkspaceUsers();
  const teams = useWorkspaceTeams();
  const save = useSaveDashboard();
  const [selected, setSelected] = useState<string | null>(null);
  // One column on a phone, two on a tablet, four from a laptop up.
  const laptop = useMediaQuery('(min-width: 62em)');
  const tablet = useMediaQuery('(min-width: 36em)');
  const columns = laptop ? 4 : tablet ? 2 : 1;
  const [newName, setNewName] = useState('');
  const sensors = useSensors(
    useSensor(PointerSensor),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  useEffect(() => {
    if (selected || !dashboards.length) return;
    // The role's default dashboard first, else the first by name.
    setSelected((dashboards.find((d) => d.defaultForRole === session?.user.role) ?? dashboards[0]).id);
  }, [dashboards, selected, session]);
  const current = dashboards.find((d) => d.id === selected);
  const tiles = current?.tiles ?? [];

  const update = (dashboard: Dashboard, changes: { tiles?: DashboardTile[]; filters?: DashboardFilters }) =>
    save.mutate(
      { id: dashboard.id, version: dashboard.version, name: dashboard.name, ...changes },
      { onError: (error) => notifyFailure(error, 'The dashboard was not saved') },
    );
  const create = () =>
    save.mutate(
      { name: newName, tiles: [], filters: {} },
      {
        onSuccess: (d) => {
          setSelected(d.id);
          setNewName('');
        },
        onError: (e) => notifyFailure(e, 'Not created'),
      },
    );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!current || !over || active.id === over.id) return;
    const from = tiles.findIndex((t) => t.id === active.id);
    const to = tiles.findIndex((t) => t.id === over.id);
    update(current, { tiles: arrayMove(tiles, from, to) });
  };
  const filters = current?.filters ?? {};
  const setFilter = (changes: DashboardFilters) =>
    current && update(current, { filters: { ...filters, ...changes } });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1} size="h2">
          Dashboards
        </Title>
        <Group align="flex-end">
          <TextInput
            label="New dashboard"
            placeholder="Name"
            value={newName}
            onChange={(e) => setNewName(e.currentTarget.value)}
          />
          <Button onClick={create} disabled={!newName.trim()} loading={save.isPending}>
            Create
          </Button>
        </Group>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <Select
          label="Dashboard"
          data={dashboards.map((d) => ({ value: d.id, label: d.name }))}
          value={selected}
          onChange={setSelected}
        />
        {current && (
          <>
            <TextInput
              label="Period from"
              type="date"
              value={filters.period?.from ?? ''}
              onChange={(e) =>
                setFilter({
                  period: { from: e.currentTarget.value, to: filters.period?.to ?? e.currentTarget.value },
                })
              }
            />
            <TextInput
              label="Period to"
              type="date"
              value={filters.period?.to ?? ''}
              onChange={(e) =>
                setFilter({
                  period: { from: filters.period?.from ?? e.currentTarget.value, to: e.currentTarget.value },
                })
              }
            />
            <Select
              label="Owner"
              clearable
              data={[
                { value: 'me', label: 'Me (whoever looks)' },
                ...users.map((u) => ({ value: u.id, label: u.name })),
              ]}
              value={filters.ownerId ?? null}
              onChange={(v) => setFilter({ ownerId: (v as DashboardFilters['ownerId']) ?? undefined })}
            />
            <Select
              label="Team"
              clearable
              data={[
                { value: 'mine', label: 'My team (whoever looks)' },
                ...teams.map((t) => ({ value: t.id, label: t.name })),
              ]}
              value={filters.teamId ?? null}
              onChange={(v) => setFilter({ teamId: (v as DashboardFilters['teamId']) ?? undefined })}
            />
            <Select
              label="Add a scorecard tile"
              placeholder="Measure"
              data={measures.map((m) => ({ value: m.measure, label: m.label }))}
              value={null}
              onChange={(v) =>
                v &&
                update(current, {
                  tiles: [
                    ...tiles,
                    { id: crypto.randomUUID().slice(0, 8), kind: 'measure', ref: v, width: 1 },
                  ],
                })
              }
            />
          </>
        )}
      </Group>
      {current && (
        <Text size="xs" c="dimmed">
          {tiles.length} of at most {dashboardTileLimit} tiles · drag a tile by its handle to move it
        </Text>
      )}
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={tiles.map((t) => t.id)} strategy={rectSortingStrategy}>
          <div
            style={{
              display: 'grid',
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
              gap: 'var(--mantine-spacing-md)',
            }}
          >
            {current &&
              tiles.map((tile) => (
                <DashboardTileView
                  key={tile.id}
                  tile={tile}
                  columns={columns}
                  reports={reports}
                  measures={measures}
                  filters={current.filters}
                  currency={session?.workspace.baseCurrency ?? 'USD'}
                  onRemove={() => update(current, { tiles: tiles.filter((t) => t.id !== tile.id) })}
                />
              ))}
          </div>
        </SortableContext>
      </DndContext>
    </Stack>
  );
}
