import { AppShell, Burger, Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { Suspense } from 'react';
import { CommandPalette } from './CommandPalette';
import { commandPalette } from './commandPalette';
import { webRegistry } from '../registry';
import { Navigation } from './Navigation';
import { openRecordCreation } from './recordCreation';
import { RecordCreationModal } from './RecordCreationModal';
import { ShortcutSheet } from './ShortcutSheet';
import { setShortcutSheetOpen } from './shortcutSheet';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';

function currentObject(pathname: string): string | null {
  const match = /^\/o\/([^/]+)/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

export function AppLayout() {
  const [navOpened, nav] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });

  useHotkeys([
    ['shift+?', () => setShortcutSheetOpen(true)],
    ['n', () => openRecordCreation(currentObject(pathname) ?? 'contacts')],
  ]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm" wrap="nowrap">
          <Burger
            opened={navOpened}
            onClick={nav.toggle}
            hiddenFrom="sm"
            size="sm"
            aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
          />
          <Text
            renderRoot={(props) => <Link {...props} to="/" />}
            fw={750}
            size="lg"
            c="indigo"
            style={{ textDecoration: 'none' }}
          >
            Rapport
          </Text>
          <UnstyledButton
            onClick={() => commandPalette.set(true)}
            ml={{ base: 'auto', sm: 'xl' }}
            style={{ flex: '0 1 420px', minWidth: 38 }}
          >
            <Group
              gap="xs"
              px={{ base: 10, sm: 'sm' }}
              h={36}
              wrap="nowrap"
              style={{
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 'var(--mantine-radius-md)',
                color: 'var(--mantine-color-dimmed)',
              }}
            >
              <IconSearch size={16} aria-hidden style={{ flexShrink: 0 }} />
              <Text size="sm" c="dimmed" truncate style={{ flex: 1 }}>
                Search or create…
              </Text>
              <Kbd size="xs" visibleFrom="sm">
                Ctrl K
              </Kbd>
            </Group>
          </UnstyledButton>
          <Group gap="xs" ml="auto" wrap="nowrap">
            {webRegistry()
              .shellWidgets()
              .map(({ key, component: Widget }) => (
                <Suspense key={key} fallback={null}>
                  <Widget />
                </Suspense>
              ))}
            <ThemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Navigation onNavigate={nav.close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
      <CommandPalette />
      <ShortcutSheet />
      <RecordCreationModal />
    </AppShell>
  );
}
