import { Alert, Button, Card, Code, CopyButton, List, Stack, Switch, Text, Title } from '@mantine/core';
import { useSession } from '../../../web/api/session';
import { useAddressBookSettings, useCreatePhoneKey, useSaveAddressBookSettings } from './api';

function Copyable({ value }: { value: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button size="compact-sm" variant="light" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      )}
    </CopyButton>
  );
}

/** How to see Rapport's contacts in a phone's own contacts app (CardDAV), and the admin's two-way switch. */
export function PhoneContactsPage() {
  const session = useSession();
  const settings = useAddressBookSettings();
  const save = useSaveAddressBookSettings();
  const key = useCreatePhoneKey();
  if (!settings.data) return <Text>Loading…</Text>;
  const { serverUrl, principalUrl, twoWay } = settings.data;
  const host = new URL(serverUrl).host;
  return (
    <Stack maw={720} p="md">
      <Title order={1} size="h2">
        Contacts on your phone
      </Title>
      <Text>
        Your phone&apos;s own contacts app can show Rapport&apos;s contacts, so you see who is calling and
        your mail app completes their addresses. You get your own contacts, your team&apos;s, and one address
        book for each saved view of contacts.{' '}
        {twoWay ? 'Changes made on the phone come back to Rapport.' : 'They are read-only on the phone.'}
      </Text>
      <Card withBorder>
        <Stack gap="xs">
          <Text fw={600}>Server address</Text>
          <Text>
            <Code>{serverUrl}</Code> <Copyable value={serverUrl} />
          </Text>
          <Text size="sm" c="dimmed">
            User name: your email ({session?.user.email}). Password: a Rapport API key, not your Rapport
            password.
          </Text>
          {key.data ? (
            <Alert color="green" title="Your phone's password (shown only now)">
              <Code>{key.data.token}</Code> <Copyable value={key.data.token} />
            </Alert>
          ) : (
            <Button w="fit-content" onClick={() => key.mutate()} loading={key.isPending}>
              Create a password for my phone
            </Button>
          )}
          {key.error instanceof Error && (
            <Text c="red.8" size="sm">
              {key.error.message} (signing in again lets you make one)
            </Text>
          )}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="xs">
          <Text fw={600}>iPhone and iPad</Text>
          <List size="sm">
            <List.Item>Settings → Apps → Contacts → Contacts Accounts → Add Account → Other.</List.Item>
            <List.Item>
              Add CardDAV Account: server <Code>{host}</Code>, your email, the password above.
            </List.Item>
          </List>
          <Text fw={600}>Android (DAVx5, free from F-Droid or Google Play)</Text>
          <List size="sm">
            <List.Item>Add account → Login with URL and user name.</List.Item>
            <List.Item>
              Base URL <Code>{serverUrl}</Code>, your email, the password above; tick the address books to
              sync.
            </List.Item>
          </List>
          <Text fw={600}>Mac</Text>
          <List size="sm">
            <List.Item>
              Contacts → Settings → Accounts → + → Other Contacts Account → CardDAV, Manual.
            </List.Item>
            <List.Item>
              Server address <Code>{host}</Code> (or <Code>{principalUrl}</Code>), your email, the password
              above.
            </List.Item>
          </List>
        </Stack>
      </Card>
      {session?.user.role === 'admin' && (
        <Card withBorder>
          <Switch
            checked={twoWay}
            disabled={save.isPending}
            onChange={(e) => save.mutate({ twoWay: e.currentTarget.checked })}
            label="Let phones change contacts (two-way)"
            description="Edits, new contacts and deletions made on phones are saved through Rapport's checks, with their history. Off: phones only read."
          />
        </Card>
      )}
    </Stack>
  );
}
