import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { IconHome } from '@tabler/icons-react';
import { Link, useRouterState } from '@tanstack/react-router';
import { Fragment } from 'react';
import { useObjects } from '../api/metadata';
import { useSession } from '../api/session';
import { type NavigationEntry, type NavigationSection, navigationSections } from '../modules';
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

const sectionTitles: Record<NavigationSection, string> = {
  records: 'Records',
  insights: 'Insights',
  workspace: 'Workspace',
};

export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const registry = webRegistry();
  const objects = registry.objectsInOrder(useObjects());
  const pages = registry.navigation(useSession());
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const sectionOf = (object: string) => registry.objectLook(object)?.section ?? 'records';

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
        {navigationSections.map((section) => {
          const sectionObjects = objects.filter((o) => sectionOf(o.name) === section);
          const sectionPages = pages.filter((p) => p.section === section);
          if (!sectionObjects.length && !sectionPages.length) return null;
          return (
            <Fragment key={section}>
              <SectionTitle>{sectionTitles[section]}</SectionTitle>
              {sectionObjects.map((object) => (
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
              {sectionPages.map((entry) => (
                <PageLink key={entry.to} entry={entry} pathname={pathname} onNavigate={onNavigate} />
              ))}
            </Fragment>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
