import { Badge, Button, Group, Paper, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useDisableTotp, useRefreshSignIn, useRenewRecoveryCodes, useTwoFactorStatus } from './api';
import { RecoveryCodes } from './RecoveryCodes';
import { TwoFactorEnrolment } from './TwoFactorEnrolment';

type Action = 'renew' | 'disable';

/** Asks for a current code from the app before a change to the second factor. */
function CodeForm({ action, onCancel }: { action: Action; onCancel: () => void }) {
  const renew = useRenewRecoveryCodes();
  const disable = useDisableTotp();
  const [code, setCode] = useState('');
  const running = action === 'renew' ? renew : disable;
  if (renew.data) return <RecoveryCodes codes={renew.data.recoveryCodes} onDone={onCancel} />;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const value = code.replace(/\s/g, '');
        if (action === 'renew') renew.mutate(value);
        else
          disable.mutate(value, {
            onSuccess: () => notifications.show({ color: 'teal', message: 'Two-factor sign-in is off' }),
          });
      }}
    >
      <Group align="flex-end">
        <TextInput
          label="Current code from your authenticator app"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={running.error?.message}
        />
        <Button type="submit" color={action === 'disable' ? 'red' : undefined} loading={running.isPending}>
          {action === 'renew' ? 'Make new codes' : 'Turn off'}
        </Button>
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </form>
  );
}

export function TwoFactorCard() {
  const status = useTwoFactorStatus();
  const refresh = useRefreshSignIn();
  const [action, setAction] = useState<Action | null>(null);
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="two-factor-title">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4" id="two-factor-title">
            Two-factor sign-in
          </Title>
          {status.data && (
            <Badge color={status.data.enabled ? 'teal' : 'gray'} variant="light">
              {status.data.enabled ? 'On' : 'Off'}
            </Badge>
          )}
        </Group>
        {!status.data ? (
          <Skeleton h={60} />
        ) : !status.data.enabled ? (
          <>
            <Text size="sm" c="dimmed">
              {status.data.required
                ? 'Your workspace requires a code from an authenticator app at every sign-in.'
                : 'Ask for a code from an authenticator app at every sign-in, so a stolen password is not enough.'}
            </Text>
            <TwoFactorEnrolment onDone={() => void refresh()} />
          </>
        ) : (
          <>
            <Text size="sm">
              Sign-in asks for a code from your authenticator app. {status.data.recoveryCodesLeft} of 10
              recovery codes left.
            </Text>
            {action ? (
              <CodeForm action={action} onCancel={() => setAction(null)} />
            ) : (
              <Group>
                <Button variant="default" onClick={() => setAction('renew')}>
                  New recovery codes
                </Button>
                {status.data.required ? (
                  <Text size="sm" c="dimmed">
                    Your workspace requires two-factor sign-in, so it stays on.
                  </Text>
                ) : (
                  <Button variant="subtle" color="red" onClick={() => setAction('disable')}>
                    Turn off
                  </Button>
                )}
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
