import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  CopyButton,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { mailPrivacies, mailPrivacyLabels, type MailPrivacy } from '../contract';
import { useMailSettings, useSaveMailSettings } from './api';

const privacyOptions = mailPrivacies.map((value) => ({ value, label: mailPrivacyLabels[value] }));

/** An admin's mail screen: the inbound address to BCC, the listener's state, capture privacy, the SMTP server. */
export function MailSettingsPage() {
  const settings = useMailSettings();
  const save = useSaveMailSettings();
  const [smtp, setSmtp] = useState({
    host: '',
    port: 587,
    secure: false,
    user: '',
    password: '',
    fromAddress: '',
    fromName: '',
  });
  useEffect(() => {
    const s = settings.data?.smtp;
    if (s)
      setSmtp({
        host: s.host,
        port: s.port,
        secure: s.secure,
        user: s.user ?? '',
        password: '',
        fromAddress: s.fromAddress,
        fromName: s.fromName ?? '',
      });
  }, [settings.data?.smtp]);
  if (!settings.data) return <Text>Loading…</Text>;
  const { inboundAddress, listener, privacy } = settings.data;
  const error = save.error instanceof Error ? save.error.message : null;
  return (
    <Stack maw={720} p="md">
      <Title order={1} size="h2">
        Mail
      </Title>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h4">
            Inbound address
          </Title>
          <Text size="sm">
            Send, forward or BCC mail here: it is filed under the contacts and accounts it concerns.
          </Text>
          <Group>
            <Text ff="monospace" data-testid="inbound-address">
              {inboundAddress}
            </Text>
            <CopyButton value={inboundAddress}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy'}>
                  <ActionIcon variant="default" aria-label="Copy the inbound address" onClick={copy}>
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Group gap="xs">
            <Text size="sm">Built-in SMTP listener:</Text>
            {listener.enabled ? (
              <Badge color="green">listening on port {listener.port}</Badge>
            ) : (
              <Badge color="gray">off (set RAPPORT_SMTP_PORT to turn it on)</Badge>
            )}
          </Group>
          <Select
            label="What the team sees of captured mail"
            data={privacyOptions}
            value={privacy}
            allowDeselect={false}
            onChange={(value) => value && save.mutate({ privacy: value as MailPrivacy })}
          />
        </Stack>
      </Card>
      <Card withBorder>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({
              smtp: {
                host: smtp.host,
                port: smtp.port,
                secure: smtp.secure,
                user: smtp.user || null,
                fromAddress: smtp.fromAddress,
                fromName: smtp.fromName || null,
                ...(smtp.password ? { password: smtp.password } : {}),
              },
            });
          }}
        >
          <Stack gap="xs">
            <Title order={2} size="h4">
              Outgoing mail (SMTP)
            </Title>
            <Group grow>
              <TextInput
                label="Host"
                required
                value={smtp.host}
                onChange={(e) => setSmtp({ ...smtp, host: e.currentTarget.value })}
              />
              <NumberInput
                label="Port"
                required
                min={1}
                max={65535}
                value={smtp.port}
                onChange={(v) => setSmtp({ ...smtp, port: Number(v) })}
              />
            </Group>
            <Checkbox
              label="TLS from the start (port 465)"
              checked={smtp.secure}
              onChange={(e) => setSmtp({ ...smtp, secure: e.currentTarget.checked })}
            />
            <Group grow>
              <TextInput
                label="User"
                value={smtp.user}
                onChange={(e) => setSmtp({ ...smtp, user: e.currentTarget.value })}
              />
              <PasswordInput
                label="Password"
                placeholder={settings.data.smtp?.passwordSet ? 'stored; type to replace' : ''}
                value={smtp.password}
                onChange={(e) => setSmtp({ ...smtp, password: e.currentTarget.value })}
              />
            </Group>
            <Group grow>
              <TextInput
                label="From address"
                type="email"
                required
                value={smtp.fromAddress}
                onChange={(e) => setSmtp({ ...smtp, fromAddress: e.currentTarget.value })}
              />
              <TextInput
                label="From name"
                value={smtp.fromName}
                onChange={(e) => setSmtp({ ...smtp, fromName: e.currentTarget.value })}
              />
            </Group>
            {error && (
              <Text c="var(--mantine-color-error)" size="sm" role="alert">
                {error}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={save.isPending}>
                Save SMTP server
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
