import {
  Alert,
  Button,
  Checkbox,
  Group,
  PasswordInput,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { roleLabels, ssoRoles, type SsoSettingsView } from '../contract';
import { type SsoSettingsForm, useSsoChange, useSsoSettings, useSsoTest } from './api';
import { ConfirmPassword, needsPassword } from './ConfirmPassword';

const roleChoices = ssoRoles.map((r) => ({ value: r, label: roleLabels[r] }));

function formOf(view: SsoSettingsView): SsoSettingsForm {
  return {
    issuer: view.issuer ?? '',
    clientId: view.clientId ?? '',
    clientSecret: '',
    allowedDomains: view.allowedDomains,
    createUsers: view.createUsers,
    defaultRole: view.defaultRole,
    requireSso: view.requireSso,
  };
}

function SsoForm({ view }: { view: SsoSettingsView }) {
  const [values, setValues] = useState(() => formOf(view));
  const change = useSsoChange();
  const test = useSsoTest();
  const errors = fieldErrorMap(change.error);
  const set = <K extends keyof SsoSettingsForm>(key: K, value: SsoSettingsForm[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const save = () => {
    const { clientSecret, ...rest } = values;
    change.mutate(clientSecret ? values : rest, {
      onSuccess: () => {
        set('clientSecret', '');
        notifications.show({ color: 'teal', message: 'Single sign-on saved' });
      },
    });
  };
  return (
    <form noValidate onSubmit={(e) => (e.preventDefault(), save())}>
      <Stack maw={560}>
        <TextInput
          label="Redirect URI"
          description="Register this address at your identity provider as the redirect (callback) URI."
          value={view.redirectUri}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
        />
        <TextInput
          label="Issuer URL"
          description="For example https://accounts.google.com, or https://sso.example.com/realms/acme for Keycloak."
          required
          value={values.issuer}
          onChange={(e) => set('issuer', e.currentTarget.value)}
          error={errors.issuer}
        />
        <Group grow align="flex-start">
          <TextInput
            label="Client ID"
            required
            value={values.clientId}
            onChange={(e) => set('clientId', e.currentTarget.value)}
            error={errors.clientId}
          />
          <PasswordInput
            label="Client secret"
            autoComplete="off"
            placeholder={view.hasSecret ? 'Stored; leave empty to keep it' : undefined}
            value={values.clientSecret ?? ''}
            onChange={(e) => set('clientSecret', e.currentTarget.value)}
            error={errors.clientSecret}
          />
        </Group>
        <TagsInput
          label="Allowed email domains"
          description="Only addresses at these domains may sign in with SSO. Leave empty to let every existing user in."
          placeholder="example.com"
          value={values.allowedDomains}
          onChange={(domains) => set('allowedDomains', domains)}
          error={errors.allowedDomains ?? errors['allowedDomains.0']}
        />
        <Checkbox
          label="Create users on their first sign-in"
          description="Off: only people already in the workspace (or invited) can sign in with SSO."
          checked={values.createUsers}
          onChange={(e) => set('createUsers', e.currentTarget.checked)}
        />
        {values.createUsers && (
          <Select
            label="Role of new users"
            data={roleChoices}
            allowDeselect={false}
            value={values.defaultRole}
            onChange={(role) => role && set('defaultRole', role as SsoSettingsForm['defaultRole'])}
          />
        )}
        <Checkbox
          label="Require single sign-on"
          description="Everyone but admins must sign in with SSO. Admins keep their password, so a broken provider cannot lock the workspace out."
          checked={values.requireSso}
          onChange={(e) => set('requireSso', e.currentTarget.checked)}
        />
        {needsPassword(change.error) ? (
          <ConfirmPassword doing="change single sign-on" action="Confirm and save" onConfirmed={save} />
        ) : (
          change.error && !Object.keys(errors).length && <Alert color="red">{change.error.message}</Alert>
        )}
        {test.data && (
          <Alert color={test.data.ok ? 'green' : 'red'} role="status">
            {test.data.ok ? 'The provider answered. ' : 'Test failed. '}
            {test.data.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={change.isPending}>
            Save single sign-on
          </Button>
          <Button
            variant="default"
            disabled={!view.configured}
            loading={test.isPending}
            onClick={() => test.mutate()}
          >
            Test
          </Button>
          {view.configured && (
            <Button variant="subtle" color="red" onClick={() => change.mutate(null)}>
              Turn off
            </Button>
          )}
        </Group>
        {view.configured && (
          <TextInput
            label="Sign-in link"
            description="Share this link: it opens the sign-in page with “Sign in with SSO” for this workspace."
            value={view.signInUrl}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
      </Stack>
    </form>
  );
}

/** Admin › Workspace: single sign-on over OpenID Connect (Google, Microsoft, Keycloak, Authentik). */
export function SsoSettingsCard() {
  const settings = useSsoSettings();
  return (
    <Stack mt="xl">
      <Title order={3}>Single sign-on</Title>
      <Text size="sm" c="dimmed">
        Let people sign in through your company’s identity provider over OpenID Connect.
      </Text>
      {settings.error && <Alert color="red">{settings.error.message}</Alert>}
      {settings.data && <SsoForm key={settings.data.configured ? 'on' : 'off'} view={settings.data} />}
    </Stack>
  );
}
