import { Button, Group, List, Text } from '@mantine/core';
import { notifyFailure } from '../../../web/api/notify';
import { formatWhen } from '../../../web/components/bin/formatWhen';
import { usePhoneKeys, useRevokePhoneKey } from './api';

/** The user's phone passwords, each revocable at once: a lost phone stops syncing. */
export function PhoneKeys() {
  const keys = usePhoneKeys();
  const revoke = useRevokePhoneKey();
  if (!keys.data?.length) return null;
  return (
    <>
      <Text fw={600}>Phones with a password</Text>
      <List size="sm" listStyleType="none" spacing={4}>
        {keys.data.map((k) => (
          <List.Item key={k.id}>
            <Group gap="xs">
              <Text size="sm">
                {`Made ${formatWhen(k.createdAt)}; ${k.lastUsedAt ? `last synced ${formatWhen(k.lastUsedAt)}` : 'not used yet'}`}
              </Text>
              <Button
                size="compact-sm"
                variant="default"
                aria-label={`Revoke the phone password made ${formatWhen(k.createdAt)}`}
                loading={revoke.isPending && revoke.variables === k.id}
                onClick={() =>
                  revoke.mutate(k.id, {
                    onError: (e) => notifyFailure(e, 'The password could not be revoked'),
                  })
                }
              >
                Revoke
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
    </>
  );
}
