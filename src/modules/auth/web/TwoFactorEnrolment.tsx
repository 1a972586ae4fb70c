import { Alert, Button, Code, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { useConfirmTotp, useStartTotp } from './api';
import { RecoveryCodes } from './RecoveryCodes';

/** Setting up an authenticator app: scan the QR code, confirm a code, save the recovery codes. */
export function TwoFactorEnrolment({ onDone }: { onDone: () => void }) {
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const [code, setCode] = useState('');

  if (confirm.data) return <RecoveryCodes codes={confirm.data.recoveryCodes} onDone={onDone} />;
  if (!start.data)
    return (
      <Stack align="flex-start">
        {start.error && <Alert color="red">{start.error.message}</Alert>}
        <Button loading={start.isPending} onClick={() => start.mutate()}>
          Set up an authenticator app
        </Button>
      </Stack>
    );
  const errors = fieldErrorMap(confirm.error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        confirm.mutate(code.replace(/\s/g, ''));
      }}
    >
      <Stack>
        <Text size="sm">
          1. Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator,
          1Password, Aegis…).
        </Text>
        <Image
          src={start.data.qrCode}
          alt="QR code to add Rapport to your authenticator app"
          w={220}
          h={220}
        />
        <Text size="sm">
          Or type this key into the app: <Code aria-label="Setup key">{start.data.secret}</Code>
        </Text>
        <TextInput
          label="2. Enter the 6-digit code the app shows"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          w={220}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={
            errors.code ??
            (confirm.error && !errors.code ? 'That code is not right; try the current one' : undefined)
          }
        />
        <Group>
          <Button type="submit" loading={confirm.isPending}>
            Turn on two-factor sign-in
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
