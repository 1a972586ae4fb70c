import { ActionIcon, CloseButton, Group, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedCallback, useHotkeys } from '@mantine/hooks';
import { IconRecycle, IconSearch } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import type { ObjectMeta } from '../../../common/metadata';
import { fieldsInWorkingOrder } from '../../api/metadata';
import type { SavedView } from '../../api/views';
import { webRegistry } from '../../registry';
import { ColumnChooser } from './ColumnChooser';
import { FilterBuilder } from './FilterBuilder';
import { LayoutSwitch } from './LayoutSwitch';
import { ExportMenu } from './ExportMenu';
import { type ListSearch, viewStateOf } from './listSearch';
import { SavedViewsMenu } from './SavedViewsMenu';

interface ListToolbarProps {
  meta: ObjectMeta;
  search: ListSearch;
  columns: string[];
  onChange: (patch: Partial<ListSearch>) => void;
  onSelectView: (view: SavedView | null) => void;
}

export function ListToolbar({ meta, search, columns, onChange, onSelectView }: ListToolbarProps) {
  const [q, setQ] = useState(search.q ?? '');
  const searchBox = useRef<HTMLInputElement>(null);
  const pushQ = useDebouncedCallback((value: string) => onChange({ q: value.trim() || undefined }), 250);
  useEffect(() => setQ(search.q ?? ''), [search.q]);
  useHotkeys([['/', () => searchBox.current?.focus()]]);
  const fields = fieldsInWorkingOrder(meta);

  return (
    <Group gap="xs" wrap="wrap">
      <TextInput
        ref={searchBox}
        aria-label={`Search ${meta.labelPlural.toLowerCase()}`}
        placeholder={`Search ${meta.labelPlural.toLowerCase()}…`}
        leftSection={<IconSearch size={16} />}
        rightSection={
          q ? (
            <CloseButton
              size="sm"
              aria-label="Clear search"
              onClick={() => (setQ(''), onChange({ q: undefined }))}
            />
          ) : null
        }
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          pushQ(e.currentTarget.value);
        }}
        // Esc leaves the box (keeping what was typed), so list shortcuts work again.
        onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
        style={{ flex: '1 1 200px', maxWidth: 320 }}
      />
      <SavedViewsMenu
        object={meta.name}
        allLabel={`All ${meta.labelPlural.toLowerCase()}`}
        currentViewId={search.view}
        state={viewStateOf(search, columns)}
        onSelect={onSelectView}
      />
      <FilterBuilder
        key={JSON.stringify(search.filter ?? null)}
        fields={fields}
        filter={search.filter}
        onApply={(filter) => onChange({ filter })}
      />
      <LayoutSwitch
        layouts={webRegistry().listLayouts(meta.name)}
        value={search.layout}
        onChange={(layout) => onChange({ layout })}
      />
      <ColumnChooser
        fields={fields}
        columns={columns}
        titleField={meta.titleField}
        onChange={(cols) => onChange({ cols })}
        onReset={() => onChange({ cols: undefined })}
      />
      <ExportMenu meta={meta} search={search} />
      <Tooltip label="Recycle bin">
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={`Recycle bin of ${meta.labelPlural.toLowerCase()}`}
          renderRoot={(props) => <Link {...props} to="/o/$object/bin" params={{ object: meta.name }} />}
        >
          <IconRecycle size={18} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
