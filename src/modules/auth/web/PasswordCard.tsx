import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { useChangePassword } from './api';
import { type NewPassword, NewPasswordInputs, samePassword } from './NewPasswordInputs';

export function PasswordCard() {
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [next, setNext] = useState<NewPassword>({ password: '', repeat: '' });
  const [checked, setChecked] = useState(false);
  const errors = fieldErrorMap(change.error);
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="password-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setChecked(true);
          if (!samePassword(next)) return;
          change.mutate(
            { currentPassword, newPassword: next.password },
            {
              onSuccess: () => {
                setCurrentPassword('');
                setNext({ password: '', repeat: '' });
                setChecked(false);
                notifications.show({
                  color: 'teal',
                  message: 'Password changed. Your other sessions were signed out.',
                });
              },
            },
          );
        }}
      >
        <Stack maw={420}>
          <Title order={2} size="h4" id="password-title">
            Password
          </Title>
          <Text size="sm" c="dimmed">
            Changing it signs you out everywhere else.
          </Text>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.currentTarget.value)}
            error={errors.currentPassword}
          />
          <NewPasswordInputs value={next} onChange={setNext} error={errors.newPassword} checked={checked} />
          {change.error && !Object.keys(errors).length && (
            <Text c="var(--mantine-color-error)" size="sm" role="alert">
              {change.error.message}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
