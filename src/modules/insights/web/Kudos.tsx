import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import { useSession } from '../../../web/api/session';
import { useWorkspaceUsers } from '../../../web/api/users';
import { practiceLabels, practices, type KudosItem, type Practice } from '../contract';

const kudosKey = ['insights', 'kudos'];

/** Kudos between colleagues for good CRM practice, and the latest ones given. */
export function Kudos() {
  const session = useSession();
  const users = useWorkspaceUsers().filter((u) => u.id !== session?.user.id);
  const client = useQueryClient();
  const recent = useQuery({
    queryKey: kudosKey,
    queryFn: ({ signal }) =>
      apiRequest<{ data: KudosItem[] }>('/insights/kudos', { signal }).then((r) => r.data),
  });
  const give = useMutation({
    mutationFn: (body: { toUserId: string; practice: Practice; message?: string }) =>
      apiRequest<KudosItem>('/insights/kudos', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: kudosKey }),
  });
  const [to, setTo] = useState<string | null>(null);
  const [practice, setPractice] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const send = () =>
    to &&
    practice &&
    give.mutate(
      { toUserId: to, practice: practice as Practice, ...(message.trim() ? { message } : {}) },
      {
        onSuccess: () => setMessage(''),
        onError: (error) => notifyFailure(error, 'The kudos were not sent'),
      },
    );
  return (
    <Stack>
      <Title order={2} size="h4">
        Kudos
      </Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label="To"
          searchable
          data={users.map((u) => ({ value: u.id, label: u.name }))}
          value={to}
          onChange={setTo}
        />
        <Select
          label="For"
          data={practices.map((p) => ({ value: p, label: practiceLabels[p] }))}
          value={practice}
          onChange={setPractice}
        />
        <TextInput
          label="Message (optional)"
          maxLength={500}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
        />
        <Button onClick={send} disabled={!to || !practice} loading={give.isPending}>
          Give kudos
        </Button>
      </Group>
      {recent.data?.map((k) => (
        <Card key={k.id} withBorder padding="xs">
          <Text size="sm">
            {k.fromName} → {k.toName}: {practiceLabels[k.practice]}
            {k.message ? ` — ${k.message}` : ''}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
