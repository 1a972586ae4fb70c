import { Alert, Stack, Tabs, Title } from '@mantine/core';
import {
  IconApi,
  IconClockPlay,
  IconForms,
  IconLock,
  IconSettings,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useSession } from '../../../web/api/session';
import { ApiKeysPanel } from './ApiKeysPanel';
import { FieldsPanel } from './FieldsPanel';
import { JobsPanel } from './JobsPanel';
import { TeamsPanel } from './TeamsPanel';
import { UsersPanel } from './UsersPanel';
import { VisibilityPanel } from './VisibilityPanel';
import { WorkspacePanel } from './WorkspacePanel';

export function AdminPage() {
  const session = useSession();
  if (session?.user.role !== 'admin')
    return <Alert color="yellow">Only workspace admins can open these settings.</Alert>;
  return (
    <Stack maw={1200}>
      <Title order={1} size="h3">
        Admin
      </Title>
      <Tabs defaultValue="users" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />}>
            Users & roles
          </Tabs.Tab>
          <Tabs.Tab value="teams" leftSection={<IconUsersGroup size={16} />}>
            Teams
          </Tabs.Tab>
          <Tabs.Tab value="keys" leftSection={<IconApi size={16} />}>
            API keys
          </Tabs.Tab>
          <Tabs.Tab value="fields" leftSection={<IconForms size={16} />}>
            Fields
          </Tabs.Tab>
          <Tabs.Tab value="visibility" leftSection={<IconLock size={16} />}>
            Visibility
          </Tabs.Tab>
          <Tabs.Tab value="workspace" leftSection={<IconSettings size={16} />}>
            Workspace
          </Tabs.Tab>
          <Tabs.Tab value="jobs" leftSection={<IconClockPlay size={16} />}>
            Jobs
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="teams" pt="md">
          <TeamsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="keys" pt="md">
          <ApiKeysPanel />
        </Tabs.Panel>
        <Tabs.Panel value="fields" pt="md">
          <FieldsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="visibility" pt="md">
          <VisibilityPanel />
        </Tabs.Panel>
        <Tabs.Panel value="workspace" pt="md">
          <WorkspacePanel />
        </Tabs.Panel>
        <Tabs.Panel value="jobs" pt="md">
          <JobsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
