import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { IconHome } from '@tabler/icons-react';
import { Link, useRouterState } from '@tanstack/react-router';
import { useObjects } from '../api/metadata';
import { useSession } from '../api/session';
import type { NavigationEntry } from '../modules';
import { webRegistry } from '../registry';
import { ObjectIcon } from './objectIcons';

function SectionTitle({ children }: { children: string }) {
  return (
    <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
      {children}
    </Text>
  );
}

interface PageLinkProps {
  entry: NavigationEntry;
  pathname: string;
  onNavigate: () => void;
}

function PageLink({ entry, pathname, onNavigate }: PageLinkProps) {
  return (
    <NavLink
      variant="filled"
      renderRoot={(props) => <Link {...props} to={entry.to} />}
      label={entry.label}
      leftSection={<entry.icon size={18} stroke={1.6} aria-hidden />}
      active={pathname === entry.to || pathname.startsWith(`${entry.to}/`)}
      onClick={onNavigate}
    />
  );
}

export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const objects = webRegistry().objectsInOrder(useObjects());
  const pages = webRegistry().navigation(useSession());
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const recordPages = pages.filter((p) => p.section === 'records');
  const workspacePages = pages.filter((p) => p.section === 'workspace');

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
        <SectionTitle>Records</SectionTitle>
        {objects.map((object) => (
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
        {recordPages.map((entry) => (
          <PageLink key={entry.to} entry={entry} pathname={pathname} onNavigate={onNavigate} />
        ))}
        {workspacePages.length > 0 && <SectionTitle>Workspace</SectionTitle>}
        {workspacePages.map((entry) => (
          <PageLink key={entry.to} entry={entry} pathname={pathname} onNavigate={onNavigate} />
        ))}
      </Stack>
    </ScrollArea>
  );
}
