import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { IconHome, IconSettings } from '@tabler/icons-react';
import { Link, useRouterState } from '@tanstack/react-router';
import { useObjects } from '../api/metadata';
import { useSession } from '../api/session';
import { ObjectIcon } from './objectIcons';

const leadingObjects = ['accounts', 'contacts'];

export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const objects = useObjects();
  const session = useSession();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const ordered = [
    ...leadingObjects.flatMap((name) => objects.filter((o) => o.name === name)),
    ...objects.filter((o) => !leadingObjects.includes(o.name)),
  ];

  return (
    <ScrollArea type="never" style={{ flex: 1 }}>
      <Stack gap={2} component="nav" aria-label="Main">
        <NavLink
          variant="filled"
          renderRoot={(props) => <Link {...props} to="/" />}
          label="Home"
          leftSection={<IconHome size={18} stroke={1.6} aria-hidden />}
          active={pathname === '/'}
          onClick={onNavigate}
        />
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
          Records
        </Text>
        {ordered.map((object) => (
          <NavLink
            variant="filled"
            key={object.name}
            renderRoot={(props) => <Link {...props} to="/o/$object" params={{ object: object.name }} />}
            label={object.labelPlural}
            leftSection={<ObjectIcon object={object.name} />}
            active={pathname === `/o/${object.name}` || pathname.startsWith(`/o/${object.name}/`)}
            onClick={onNavigate}
          />
        ))}
        {session?.user.role === 'admin' && (
          <>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
              Workspace
            </Text>
            <NavLink
              variant="filled"
              renderRoot={(props) => <Link {...props} to="/admin" />}
              label="Admin"
              leftSection={<IconSettings size={18} stroke={1.6} aria-hidden />}
              active={pathname.startsWith('/admin')}
              onClick={onNavigate}
            />
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}
