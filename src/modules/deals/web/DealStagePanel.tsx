import { Button, Card, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useObjectMeta } from '../../../web/api/metadata';
import { notifyFailure } from '../../../web/api/notify';
import { useUpdateRecord } from '../../../web/api/records';
import type { RecordViewProps } from '../../../web/modules';
import { usePipelines } from './api';
import { RefusedMoveDialog } from './MissingCriteriaDialog';
import { useBoardMoves } from './useBoardMoves';

/** The deal's path through its pipeline, and what the current stage asks: its playbook and checklist. */
export function DealStagePanel({ record }: RecordViewProps) {
  const pipelines = usePipelines();
  const update = useUpdateRecord('deals');
  const moves = useBoardMoves();
  const meta = useObjectMeta('deals');
  const label = (name: string) => meta?.fields.find((f) => f.name === name)?.label ?? name;
  const pipeline = pipelines.data?.find((p) => p.id === record.pipelineId);
  if (!pipeline) return null;
  const index = pipeline.stages.findIndex((s) => s.id === record.stageId);
  const stage = pipeline.stages[index];
  const checklist = (record.checklist ?? {}) as Record<string, boolean>;
  const tick = (item: string, checked: boolean) =>
    update
      .mutateAsync({
        id: record.id,
        version: record.version,
        changes: { checklist: { ...checklist, [item]: checked } },
      })
      .catch((error: unknown) => notifyFailure(error, 'The checklist was not saved'));
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5">
            {pipeline.name}
          </Title>
          {pipeline.enforceCriteria && (
            <Text size="xs" fw={600}>
              Criteria enforced
            </Text>
          )}
        </Group>
        <Group gap={4} role="list" aria-label="Stage path">
          {pipeline.stages.map((s, i) => (
            <Button
              key={s.id}
              role="listitem"
              size="compact-xs"
              variant={s.id === record.stageId ? 'filled' : i < index && !s.outcome ? 'light' : 'default'}
              color={s.outcome === 'lost' ? 'red' : s.outcome === 'won' ? 'green' : undefined}
              aria-current={s.id === record.stageId ? 'step' : undefined}
              leftSection={i < index && !s.outcome ? <IconCheck size={12} /> : undefined}
              onClick={() => void moves.moveDeal(record, s.id)}
              disabled={moves.moving}
            >
              {s.name}
            </Button>
          ))}
        </Group>
        {stage?.playbook && (
          <Stack gap={2}>
            <Text size="xs" fw={600} c="dimmed">
              Playbook
            </Text>
            <Text size="sm">{stage.playbook}</Text>
          </Stack>
        )}
        {stage && (stage.checklist.length > 0 || stage.requiredFields.length > 0) && (
          <Stack gap={4}>
            <Text size="xs" fw={600} c="dimmed">
              To leave {stage.name}
            </Text>
            {stage.checklist.map((item) => (
              <Checkbox
                key={item}
                label={item}
                checked={checklist[item] === true}
                onChange={(e) => void tick(item, e.currentTarget.checked)}
              />
            ))}
            {stage.requiredFields.length > 0 && (
              <Text size="xs" c="dimmed">
                Fields to fill: {stage.requiredFields.map(label).join(', ')}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
      <RefusedMoveDialog moves={moves} stages={pipeline.stages} />
    </Card>
  );
}
