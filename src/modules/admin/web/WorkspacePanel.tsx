import { Alert, Anchor, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { useSession } from '../../../web/api/session';
import type { WorkspaceView } from '../../auth/contract';
import { SsoSettingsCard } from '../../auth/web/SsoSettingsCard';
import { useAdminWrite } from './api';

type Settings = Omit<WorkspaceView, 'id'>;

function SettingsForm({ initial, hasTwoFactor }: { initial: Settings; hasTwoFactor: boolean }) {
  const [values, setValues] = useState<Settings>(initial);
  const save = useAdminWrite<Settings>(
    'PATCH',
    () => '/workspace',
    (v) => v,
  );
  const errors = fieldErrorMap(save.error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(values, {
          onSuccess: () => notifications.show({ color: 'teal', message: 'Workspace settings saved' }),
        });
      }}
    >
      <Stack maw={480}>
        <TextInput
          label="Workspace name"
          value={values.name}
          onChange={(e) => setValues({ ...values, name: e.currentTarget.value })}
          error={errors.name}
        />
        <Group grow>
          <TextInput
            label="Default country"
            description="Two letters, e.g. US"
            maxLength={2}
            value={values.defaultCountry}
            onChange={(e) => setValues({ ...values, defaultCountry: e.currentTarget.value.toUpperCase() })}
            error={errors.defaultCountry}
          />
          <TextInput
            label="Base currency"
            description="Three letters, e.g. EUR"
            maxLength={3}
            value={values.baseCurrency}
            onChange={(e) => setValues({ ...values, baseCurrency: e.currentTarget.value.toUpperCase() })}
            error={errors.baseCurrency}
          />
        </Group>
        <Checkbox
          label="Require two-factor authentication for everyone"
          checked={values.requireTwoFactor}
          disabled={!hasTwoFactor && !values.requireTwoFactor}
          description={
            hasTwoFactor
              ? 'Anyone without an authenticator app or a passkey is asked to set one up at their next sign-in.'
              : undefined
          }
          onChange={(e) => setValues({ ...values, requireTwoFactor: e.currentTarget.checked })}
        />
        {!hasTwoFactor && (
          <Text size="sm" c="dimmed">
            Set up two-factor sign-in or a passkey for yourself first, on{' '}
            <Anchor renderRoot={(props) => <Link {...props} to="/profile" />} underline="always">
              your profile
            </Anchor>
            , so that turning this on cannot lock you out.
          </Text>
        )}
        {save.error && !Object.keys(errors).length && <Alert color="red">{save.error.message}</Alert>}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function WorkspacePanel() {
  const session = useSession();
  if (!session) return null;
  const { name, defaultCountry, baseCurrency, requireTwoFactor } = session.workspace;
  return (
    <>
      <SettingsForm
        initial={{ name, defaultCountry, baseCurrency, requireTwoFactor }}
        hasTwoFactor={session.user.totpEnabled || session.user.passkeys > 0}
      />
      <SsoSettingsCard />
    </>
  );
}
