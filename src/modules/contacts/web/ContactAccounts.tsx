import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Popover,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { ReferenceInput } from '../../../web/components/fields/ReferenceInput';
import type { RecordViewProps } from '../../../web/modules';
import { useContactAccounts, useLinkAccount } from './api';

function LinkAccountForm({ contactId, onDone }: { contactId: string; onDone: () => void }) {
  const [accountId, setAccountId] = useState<string | null>(null);
  const [role, setRole] = useState('');
  const [isPrimary, setPrimary] = useState(false);
  const link = useLinkAccount(contactId);
  const errors = fieldErrorMap(link.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (accountId)
          link.mutate({ accountId, role: role.trim() || null, isPrimary }, { onSuccess: onDone });
      }}
    >
      <Stack gap="xs" w={300}>
        <ReferenceInput
          object="accounts"
          label="Account"
          value={accountId}
          onChange={setAccountId}
          error={errors.accountId}
          inPopover
          required
        />
        <TextInput
          label="Role"
          placeholder="e.g. Decision maker"
          value={role}
          onChange={(e) => setRole(e.currentTarget.value)}
          error={errors.role}
        />
        <Switch
          label="Primary account"
          checked={isPrimary}
          onChange={(e) => setPrimary(e.currentTarget.checked)}
        />
        <Button type="submit" size="xs" disabled={!accountId} loading={link.isPending}>
          Link account
        </Button>
      </Stack>
    </form>
  );
}

/** The companies a contact works or worked with, each with a role. */
export function ContactAccounts({ record }: RecordViewProps) {
  const accounts = useContactAccounts(record.id);
  const [linking, setLinking] = useState(false);
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5">
          Companies
        </Title>
        <Popover opened={linking} onChange={setLinking} position="bottom-end" shadow="md" trapFocus>
          <Popover.Target>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconLink size={14} />}
              onClick={() => setLinking((o) => !o)}
            >
              Link account
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            {linking && <LinkAccountForm contactId={record.id} onDone={() => setLinking(false)} />}
          </Popover.Dropdown>
        </Popover>
      </Group>
      {accounts.isPending ? (
        <Skeleton h={44} />
      ) : accounts.isError ? (
        <Text size="sm" c="var(--mantine-color-error)">
          Could not load companies: {accounts.error.message}
        </Text>
      ) : accounts.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not linked to any account.
        </Text>
      ) : (
        <Stack gap="sm">
          {accounts.data.map((a) => (
            <Stack key={`${a.accountId}-${a.startedAt}`} gap={0} opacity={a.endedAt ? 0.7 : 1}>
              <Group gap={6} wrap="nowrap">
                <Anchor
                  renderRoot={(props) => (
                    <Link {...props} to="/o/$object/$id" params={{ object: 'accounts', id: a.accountId }} />
                  )}
                  size="sm"
                  fw={600}
                  truncate
                >
                  {a.accountName}
                </Anchor>
                {a.isPrimary && !a.endedAt && (
                  <Badge size="xs" variant="light">
                    Primary
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {a.role ?? 'No role recorded'} · since {dayjs(a.startedAt).format('MMM YYYY')}
                {a.endedAt ? ` until ${dayjs(a.endedAt).format('MMM YYYY')}` : ''}
              </Text>
            </Stack>
          ))}
        </Stack>
      )}
    </Card>
  );
}
