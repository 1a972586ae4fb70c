import { Badge, Loader, Modal, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys, useId } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useObjects } from '../api/metadata';
import { useGlobalSearch } from '../api/search';
import { webRegistry } from '../registry';
import { commandPalette, isTypedCharacter, type PaletteItem } from './commandPalette';
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

/**
 * Search every object, or create a record. The best hit is preselected once the results for what
 * was typed arrive, so Enter opens it (Enter pressed while they load waits for them); creating is
 * only ever a deliberate choice (arrows or a click). Keys typed before the box has focus are kept.
 */
export function CommandPalette() {
  const opened = commandPalette.use();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 120);
  const objects = useObjects();
  const navigate = useNavigate();
  const search = useGlobalSearch(
    debounced,
    objects.map((o) => o.name),
  );
  const input = useRef<HTMLInputElement>(null);
  const pendingEnter = useRef(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const typed = query.trim();
  const settled = Boolean(typed) && debounced === query && !search.isFetching;
  const hits = typed && debounced.trim() ? (search.data ?? []) : [];
  const labelOf = (name: string) => objects.find((o) => o.name === name)?.label ?? name;
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const inView = /^\/o\/([^/]+)\/([^/]+)$/.exec(pathname);
  const view = inView ? { object: decodeURIComponent(inView[1]), id: decodeURIComponent(inView[2]) } : null;
  const commands = webRegistry()
    .paletteCommands()
    .flatMap((command) => {
      const label = command.label(view);
      const wanted = label && (!typed || label.toLowerCase().includes(typed.toLowerCase()));
      return wanted ? [{ command, label }] : [];
    });

  const items: PaletteItem[] = [
    ...commands.map(({ command, label }) => ({
      key: `do:${command.key}`,
      group: 'Do' as const,
      kind: 'command' as const,
      object: view?.object ?? '',
      label,
      run: () => command.run(view),
    })),
    ...hits.map((hit) => ({
      key: `${hit.object}:${hit.id}`,
      group: 'Records' as const,
      kind: 'record' as const,
      object: hit.object,
      label: hit.title,
      description: hit.subtitle ?? undefined,
      badge: labelOf(hit.object),
      run: () => void navigate({ to: '/o/$object/$id', params: { object: hit.object, id: hit.id } }),
    })),
    ...objects.map((object) => ({
      key: `new:${object.name}`,
      group: 'Create' as const,
      kind: 'create' as const,
      object: object.name,
      label: typed ? `New ${object.label.toLowerCase()}: “${typed}”` : `New ${object.label.toLowerCase()}`,
      run: () => openRecordCreation(object.name, quickCreatePrefill(object, typed)),
    })),
    ...(typed
      ? []
      : objects.map((object) => ({
          key: `go:${object.name}`,
          group: 'Go to' as const,
          kind: 'go' as const,
          object: object.name,
          label: object.labelPlural,
          run: () => void navigate({ to: '/o/$object', params: { object: object.name } }),
        }))),
  ];

  const latestItems = useRef(items);
  latestItems.current = items;

  const close = () => {
    commandPalette.set(false);
    setQuery('');
    setActive(-1);
    pendingEnter.current = false;
  };
  const choose = (item: PaletteItem | undefined) => {
    if (!item) return;
    close();
    item.run();
  };

  useHotkeys([['mod+K', () => commandPalette.set(true)]], []);

  // Keys typed between the shortcut and the box taking focus would land on the page: keep them.
  useEffect(() => {
    const keep = (event: KeyboardEvent) => {
      if (!commandPalette.get() || event.target === input.current || !isTypedCharacter(event)) return;
      event.preventDefault();
      event.stopPropagation();
      setQuery((q) => q + event.key);
      input.current?.focus();
    };
    window.addEventListener('keydown', keep, true);
    return () => window.removeEventListener('keydown', keep, true);
  }, []);

  // The results for what was typed are in: preselect the best hit, or open it if Enter is waiting.
  const hitsKey = settled ? hits.map((h) => h.id).join() : null;
  useEffect(() => {
    if (hitsKey === null) return;
    if (pendingEnter.current && hitsKey) {
      choose(latestItems.current[0]);
      return;
    }
    pendingEnter.current = false;
    setActive(hitsKey ? 0 : -1);
    // Only new results may trigger this, not every render.
  }, [hitsKey]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = (active + step + items.length) % items.length;
      setActive(next);
      document.getElementById(`${listId}-${next}`)?.scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (active >= 0) choose(items[active]);
      else if (typed && !settled) pendingEnter.current = true;
    }
  };

  let lastGroup = '';
  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Search and create"
      styles={{ header: visuallyHidden, body: { padding: 0 } }}
      withCloseButton={false}
      size="lg"
      yOffset="8vh"
      transitionProps={{ duration: 0 }}
    >
      <TextInput
        ref={input}
        data-autofocus
        size="lg"
        variant="unstyled"
        px="md"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
        aria-label="Search records or type a command"
        placeholder="Search accounts, contacts… or create"
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        leftSection={search.isFetching ? <Loader size={16} /> : <IconSearch size={18} stroke={1.6} />}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
      />
      {settled && hits.length === 0 && (
        <Text size="sm" c="dimmed" px="md" pt="sm" role="status">
          No records match “{typed}”.
        </Text>
      )}
      <div id={listId} role="listbox" aria-label="Results" className="rp-palette-list">
        {items.map((item, index) => {
          const heading = item.group !== lastGroup ? item.group : null;
          lastGroup = item.group;
          return (
            <div key={item.key}>
              {heading && (
                <Text size="xs" fw={600} c="dimmed" px="md" pt="sm" pb={4} aria-hidden>
                  {heading}
                </Text>
              )}
              <div
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className="rp-palette-option"
                onMouseMove={() => index !== active && setActive(index)}
                onClick={() => choose(item)}
              >
                {item.kind === 'create' ? (
                  <IconPlus size={18} stroke={1.6} aria-hidden />
                ) : (
                  <ObjectIcon object={item.object} />
                )}
                <span className="rp-palette-text">
                  <span className="rp-palette-label">{item.label}</span>
                  {item.description && <span className="rp-palette-description">{item.description}</span>}
                </span>
                {item.badge && (
                  <Badge variant="default" size="sm" style={{ flex: 'none' }}>
                    {item.badge}
                  </Badge>
                )}
              </div>
            </div>
          );
        })}
      </div>
    </Modal>
  );
}
