import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import { type Role, roleLabels, roleOptions } from '../../auth/contract';
import { useAdminWrite, useApiKeys } from './api';
import { StackingTable } from '../../../web/components/StackingTable';

interface CreatedKey {
  id: string;
  name: string;
  token: string;
}

export function ApiKeysPanel() {
  const keys = useApiKeys();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('rep');
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const create = useAdminWrite<{ name: string; role: Role }, CreatedKey>(
    'POST',
    () => '/api-keys',
    (v) => v,
  );
  const revoke = useAdminWrite<string>('DELETE', (id) => `/api-keys/${id}`);
  const errors = fieldErrorMap(create.error);

  const confirmRevoke = (id: string, keyName: string) =>
    modals.openConfirmModal({
      title: `Revoke “${keyName}”?`,
      children: <Text size="sm">Scripts using this key stop working at once. This cannot be undone.</Text>,
      labels: { confirm: 'Revoke key', cancel: 'Keep it' },
      confirmProps: { color: 'red.9' },
      onConfirm: () => revoke.mutate(id, { onError: (e) => notifyFailure(e, 'Could not revoke the key') }),
    });

  return (
    <Stack>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, role }, { onSuccess: (key) => (setCreated(key), setName('')) });
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label="Key name"
            placeholder="e.g. Billing sync"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            style={{ flex: '1 1 220px' }}
          />
          <Select
            label="Acts as role"
            data={roleOptions}
            value={role}
            onChange={(r) => r && setRole(r as Role)}
            allowDeselect={false}
            w={140}
          />
          <Button
            type="submit"
            leftSection={<IconKey size={16} />}
            disabled={!name.trim()}
            loading={create.isPending}
          >
            Create key
          </Button>
        </Group>
      </form>
      {keys.isPending ? (
        <Skeleton h={120} />
      ) : (
        <StackingTable verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Key starts with</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(keys.data ?? []).map((key) => (
              <Table.Tr key={key.id}>
                <Table.Td>{key.name}</Table.Td>
                <Table.Td>{roleLabels[key.role]}</Table.Td>
                <Table.Td>
                  <Code>{key.prefix}…</Code>
                </Table.Td>
                <Table.Td>{dayjs(key.createdAt).format('D MMM YYYY')}</Table.Td>
                <Table.Td>
                  {key.lastUsedAt ? dayjs(key.lastUsedAt).format('D MMM YYYY, HH:mm') : 'never'}
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => confirmRevoke(key.id, key.name)}
                  >
                    Revoke
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </StackingTable>
      )}
      <Modal
        opened={Boolean(created)}
        onClose={() => setCreated(null)}
        title="Copy your new key now"
        closeOnClickOutside={false}
      >
        {created && (
          <Stack>
            <Alert color="yellow">
              This is the only time the key is shown. Store it in your secrets manager.
            </Alert>
            {/* Wrapped, not scrolled: the whole key in view, with no scroll box to reach by keyboard. */}
            <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
              {created.token}
            </Code>
            <Group justify="flex-end">
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button
                    leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    color={copied ? 'teal' : undefined}
                    onClick={copy}
                  >
                    {copied ? 'Copied' : 'Copy key'}
                  </Button>
                )}
              </CopyButton>
              <Button variant="default" onClick={() => setCreated(null)}>
                Done
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
