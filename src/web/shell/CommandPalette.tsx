import { Badge, Loader } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useObjects } from '../api/metadata';
import { useGlobalSearch } from '../api/search';
import { ObjectIcon } from './objectIcons';
import { quickCreatePrefill } from './quickCreatePrefill';
import { openRecordCreation } from './recordCreation';

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  padding: 0,
} as const;

export function CommandPalette() {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 120);
  const objects = useObjects();
  const navigate = useNavigate();
  const search = useGlobalSearch(
    debounced,
    objects.map((o) => o.name),
  );
  const hits = debounced.trim() ? (search.data ?? []) : [];
  const labelOf = (name: string) => objects.find((o) => o.name === name)?.label ?? name;
  const typed = query.trim();

  return (
    <Spotlight.Root
      // The title names the dialog for assistive technology; it is hidden on screen.
      title="Search and create"
      styles={{ header: visuallyHidden }}
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      scrollable
      maxHeight={460}
    >
      <Spotlight.Search
        aria-label="Search records or type a command"
        placeholder="Search accounts, contacts… or create"
        leftSection={search.isFetching ? <Loader size={16} /> : <IconSearch size={18} stroke={1.6} />}
      />
      {/* Remounted when results change, so records register (and are selected) before the create actions. */}
      <Spotlight.ActionsList aria-label="Results" key={hits.map((h) => h.id).join()}>
        {hits.length > 0 && (
          <Spotlight.ActionsGroup label="Records">
            {hits.map((hit) => (
              <Spotlight.Action
                key={`${hit.object}:${hit.id}`}
                onClick={() =>
                  void navigate({ to: '/o/$object/$id', params: { object: hit.object, id: hit.id } })
                }
                leftSection={<ObjectIcon object={hit.object} />}
                label={hit.title}
                description={hit.subtitle ?? undefined}
                rightSection={
                  <Badge variant="default" size="sm">
                    {labelOf(hit.object)}
                  </Badge>
                }
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {typed && !search.isFetching && hits.length === 0 && debounced === query && (
          <Spotlight.Empty>No records match “{typed}”.</Spotlight.Empty>
        )}
        <Spotlight.ActionsGroup label="Create">
          {objects.map((object) => (
            <Spotlight.Action
              key={`new:${object.name}`}
              onClick={() => openRecordCreation(object.name, quickCreatePrefill(object, typed))}
              leftSection={<IconPlus size={18} stroke={1.6} />}
              label={
                typed ? `New ${object.label.toLowerCase()}: “${typed}”` : `New ${object.label.toLowerCase()}`
              }
            />
          ))}
        </Spotlight.ActionsGroup>
        {!typed && (
          <Spotlight.ActionsGroup label="Go to">
            {objects.map((object) => (
              <Spotlight.Action
                key={`go:${object.name}`}
                onClick={() => void navigate({ to: '/o/$object', params: { object: object.name } })}
                leftSection={<ObjectIcon object={object.name} />}
                label={object.labelPlural}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
