import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import { ConfirmPassword, needsPassword } from './ConfirmPassword';
import { describeDevice } from './device';
import { useAddPasskey, usePasskeys, useRemovePasskey } from './passkeyApi';

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });

/** Names the new passkey (this device by default) and asks the device to make it. */
export function AddPasskey({ onDone }: { onDone?: () => void }) {
  const add = useAddPasskey();
  const thisDevice = () => describeDevice(navigator.userAgent);
  const [name, setName] = useState(thisDevice);
  const run = () =>
    add.mutate(name, {
      onSuccess: (added) => {
        notifications.show({ color: 'teal', message: `Passkey “${added.name}” added` });
        setName(thisDevice());
        onDone?.();
      },
    });
  if (needsPassword(add.error))
    return <ConfirmPassword doing="add a passkey" action="Confirm and add" onConfirmed={run} />;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        run();
      }}
    >
      <Stack gap="xs">
        <Group align="flex-end">
          <TextInput
            label="Name of the passkey"
            description="So you can tell your devices apart"
            maxLength={60}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Button type="submit" loading={add.isPending} disabled={!name.trim()}>
            Add a passkey
          </Button>
        </Group>
        {add.error && (
          <Alert color="red" role="alert">
            {add.error.message}
          </Alert>
        )}
      </Stack>
    </form>
  );
}

/** The user's passkeys: sign in with a fingerprint, face or device PIN, or use one in place of a code. */
export function PasskeysCard() {
  const passkeys = usePasskeys();
  const remove = useRemovePasskey();
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="passkeys-title">
      <Stack>
        <Title order={2} size="h4" id="passkeys-title">
          Passkeys
        </Title>
        <Text size="sm" c="dimmed">
          Sign in with your fingerprint, face or device PIN instead of a password. After a password, a passkey
          also stands in for the code: once you have one, a password alone no longer signs you in.
        </Text>
        {passkeys.isPending ? (
          <Skeleton h={60} />
        ) : passkeys.data?.length ? (
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Passkey</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {passkeys.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Text size="sm">
                      {p.name}{' '}
                      {p.backedUp && (
                        <Badge size="xs" variant="light" title="Kept in sync across your devices">
                          synced
                        </Badge>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed">
                      Added {day(p.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.lastUsedAt ? day(p.lastUsedAt) : 'Not yet'}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove the passkey ${p.name}`}
                      onClick={() =>
                        remove.mutate(p.id, {
                          onSuccess: () => notifications.show({ message: `Passkey “${p.name}” removed` }),
                          onError: (e) => notifyFailure(e, 'Could not remove the passkey'),
                        })
                      }
                    >
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm">No passkeys yet.</Text>
        )}
        <AddPasskey />
      </Stack>
    </Paper>
  );
}
