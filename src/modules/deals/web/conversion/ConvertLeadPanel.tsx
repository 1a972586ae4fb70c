import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import type { RecordViewProps } from '../../../../web/modules';

const ConvertLeadDialog = lazy(() =>
  import('./ConvertLeadDialog').then((m) => ({ default: m.ConvertLeadDialog })),
);

/** On a lead's page: the step that turns a qualified lead into an account, a contact and a deal. */
export function ConvertLeadPanel({ record, meta }: RecordViewProps) {
  const [converting, setConverting] = useState(false);
  if (record.lifecycleStage !== 'lead') return null;
  const disqualified = record.leadStatus === 'disqualified';
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="convert-lead-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="convert-lead-title">
          Lead
        </Title>
        <Text size="sm">
          {disqualified
            ? 'This lead is disqualified. Set its status back to working or qualified to convert it.'
            : 'Ready to sell? Convert the lead: its company becomes an account and a deal opens with this person on it.'}
        </Text>
        <Group>
          <Button
            leftSection={<IconArrowRight size={16} />}
            disabled={disqualified}
            onClick={() => setConverting(true)}
          >
            Convert to deal
          </Button>
        </Group>
      </Stack>
      {converting ? (
        <Suspense fallback={null}>
          <ConvertLeadDialog contact={record} meta={meta} onClose={() => setConverting(false)} />
        </Suspense>
      ) : null}
    </Card>
  );
}
