import { ActionIcon, Alert, Button, EmptyState, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconFilterOff, IconPlus } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { FieldMeta } from '../../../common/metadata';
import { defaultColumns, fieldsInWorkingOrder, useObjectMeta } from '../../api/metadata';
import { scopeOfIds } from '../../api/bulkMatching';
import { useRecordPages } from '../../api/records';
import type { SavedView } from '../../api/views';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { webRegistry } from '../../registry';
import { openRecordCreation } from '../../shell/recordCreation';
import { BulkActions } from './BulkActions';
import { countConditions, pruneFilter } from './filterModel';
import { type ListSearch, searchOfView, viewStateOf } from './listSearch';
import { ListStateBar } from './ListStateBar';
import { ListToolbar } from './ListToolbar';
import { RecordGrid } from './RecordGrid';
import { useOpeningView } from './useOpeningView';

const route = getRouteApi('/app/o/$object');

export function RecordListPage() {
  const { object } = route.useParams();
  const meta = useObjectMeta(object);
  return meta ? <RecordList key={object} object={object} /> : <NotFoundPage />;
}

function RecordList({ object }: { object: string }) {
  const meta = useObjectMeta(object)!;
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const fields = fieldsInWorkingOrder(meta);
  const fallbackColumns = defaultColumns(meta);
  const columnNames = search.cols?.length ? search.cols : fallbackColumns;
  const columns = useMemo(() => {
    const chosen = columnNames
      .map((n) => fields.find((f) => f.name === n))
      .filter((f): f is FieldMeta => Boolean(f));
    const title = fields.find((f) => f.name === meta.titleField);
    // The name comes first, where the grid keeps it in view while wide lists scroll sideways.
    return title ? [title, ...chosen.filter((f) => f !== title)] : chosen;
  }, [columnNames, fields, meta.titleField]);

  const state = { sort: search.sort, filter: search.filter, q: search.q };
  const pages = useRecordPages(object, state);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.data) ?? [], [pages.data]);
  const total = pages.data?.pages[0]?.total;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const stateKey = JSON.stringify(state);
  useEffect(() => {
    setSelected(new Set());
    setAllMatching(false);
  }, [stateKey]);

  const replaceSearch = useCallback(
    (next: ListSearch) => void navigate({ search: next, replace: true }),
    [navigate],
  );
  useOpeningView(object, search, replaceSearch);
  // Changing the list by hand detaches it from the saved view it started from only in name: the view id stays so "Update view" works.
  const change = (patch: Partial<ListSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }) });
  const selectView = (view: SavedView | null) => void navigate({ search: view ? searchOfView(view) : {} });

  // A layout no module offers for this object (a link from elsewhere, a module removed) shows as the table.
  const layout = webRegistry()
    .listLayouts(object)
    .find((l) => l.name === search.layout);
  const filtered = countConditions(search.filter) > 0 || Boolean(search.q);
  const label = meta.labelPlural.toLowerCase();
  const matchingScope =
    total !== undefined ? { filter: pruneFilter(search.filter), q: search.q, count: total } : null;
  const everyRowTicked = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const bulkScope =
    allMatching && matchingScope ? matchingScope : selected.size ? scopeOfIds([...selected]) : null;
  const toggle = (id: string) => {
    setAllMatching(false);
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  };
  const toggleAll = () => {
    setAllMatching(false);
    setSelected((prev) =>
      rows.length && rows.every((r) => prev.has(r.id)) ? new Set() : new Set(rows.map((r) => r.id)),
    );
  };

  const empty = (
    <EmptyState
      py={48}
      title={filtered ? `No ${label} match` : `No ${label} yet`}
      description={
        filtered
          ? 'Try fewer conditions or a different search.'
          : `Create the first one, or import a spreadsheet.`
      }
      icon={filtered ? <IconFilterOff size={28} /> : <IconPlus size={28} />}
      withIndicatorBackground
    >
      <Group justify="center" mt="md">
        {filtered ? (
          <Button variant="default" onClick={() => change({ filter: undefined, q: undefined })}>
            Clear filters
          </Button>
        ) : (
          <Button onClick={() => openRecordCreation(object)}>New {meta.label.toLowerCase()}</Button>
        )}
      </Group>
    </EmptyState>
  );

  // What the table and every other layout of the list are given alike.
  const listProps = {
    meta,
    columns,
    rows,
    total,
    loading: pages.isPending,
    hasNextPage: pages.hasNextPage,
    fetchingNextPage: pages.isFetchingNextPage,
    fetchNextPage: () => void pages.fetchNextPage(),
  };

  return (
    <Stack gap="sm" h="calc(100dvh - var(--app-shell-header-height, 56px) - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between" h={36} wrap="nowrap">
        <Group gap="sm" align="baseline" wrap="nowrap">
          <Title order={1} size="h3">
            {meta.labelPlural}
          </Title>
          <Text c="dimmed" size="sm" aria-live="polite" miw={90} style={{ whiteSpace: 'nowrap' }}>
            {total !== undefined
              ? `${total.toLocaleString()} ${total === 1 ? meta.label.toLowerCase() : label}`
              : pages.isPending
                ? 'Counting…'
                : ''}
          </Text>
        </Group>
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => openRecordCreation(object)}
          visibleFrom="xs"
        >
          New {meta.label.toLowerCase()}
        </Button>
        <ActionIcon
          size="lg"
          aria-label={`New ${meta.label.toLowerCase()}`}
          onClick={() => openRecordCreation(object)}
          hiddenFrom="xs"
        >
          <IconPlus size={18} />
        </ActionIcon>
      </Group>
      <ListToolbar
        meta={meta}
        search={search}
        columns={columns.map((c) => c.name)}
        onChange={change}
        onSelectView={selectView}
      />
      <ListStateBar
        object={object}
        fields={fields}
        search={search}
        state={viewStateOf(
          search,
          columns.map((c) => c.name),
        )}
        onChange={change}
        onSelectView={selectView}
      />
      {pages.isError && (
        <Alert color="red" title="Could not load this list" withCloseButton={false}>
          {pages.error.message}
        </Alert>
      )}
      {layout ? (
        <Suspense fallback={<Skeleton h={320} />}>
          <layout.component
            {...listProps}
            groupBy={search.groupBy}
            onGroupByChange={(groupBy) => change({ groupBy })}
            empty={empty}
          />
        </Suspense>
      ) : (
        <RecordGrid
          {...listProps}
          sort={search.sort}
          onSort={(sort) => change({ sort })}
          selected={selected}
          onToggle={toggle}
          onToggleAll={toggleAll}
          empty={empty}
        />
      )}
      <BulkActions
        object={object}
        labelPlural={meta.labelPlural}
        fields={fields.filter((f) => !f.readOnly)}
        scope={bulkScope}
        allMatching={
          !allMatching && everyRowTicked && matchingScope && matchingScope.count > selected.size
            ? matchingScope
            : null
        }
        onSelectAllMatching={() => setAllMatching(true)}
        onClear={() => {
          setSelected(new Set());
          setAllMatching(false);
        }}
      />
    </Stack>
  );
}
