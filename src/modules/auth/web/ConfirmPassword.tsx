import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../../web/api/http';
import { useReauthenticate } from './api';

/** A change refused for want of a recent sign-in: the password is asked here, then the change is retried. */
export function needsPassword(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.problem?.reauthenticate === true;
}

/** "Confirm your password to …": marks the session as recently signed in, then runs `onConfirmed`. */
export function ConfirmPassword({
  doing,
  action,
  onConfirmed,
}: {
  doing: string;
  action: string;
  onConfirmed: () => void;
}) {
  const [password, setPassword] = useState('');
  const confirm = useReauthenticate();
  return (
    <Stack gap="xs">
      <PasswordInput
        label={`Confirm your password to ${doing}`}
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={confirm.error ? 'That password is not right' : undefined}
      />
      <Group>
        <Button
          variant="light"
          loading={confirm.isPending}
          onClick={() => confirm.mutate(password, { onSuccess: onConfirmed })}
        >
          {action}
        </Button>
      </Group>
    </Stack>
  );
}
