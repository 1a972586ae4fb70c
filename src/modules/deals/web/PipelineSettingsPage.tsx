import {
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { editableFields, useObjectMeta } from '../../../web/api/metadata';
import { ApiError } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import { useSession } from '../../../web/api/session';
import type { Pipeline, StageInput } from '../contract';
import { type PipelineDraft, usePipelines, useSavePipeline } from './api';
import { StageEditor } from './StageEditor';

const fresh: PipelineDraft = {
  name: '',
  enforceCriteria: false,
  isDefault: false,
  lostReasons: [],
  staleAfterDays: null,
  stages: [
    { name: 'Qualification', probability: 10 },
    { name: 'Proposal', probability: 50 },
    { name: 'Won', probability: 100, outcome: 'won' },
    { name: 'Lost', probability: 0, outcome: 'lost' },
  ],
};

const draftOf = (p: Pipeline): PipelineDraft => ({
  name: p.name,
  enforceCriteria: p.enforceCriteria,
  isDefault: p.isDefault,
  lostReasons: p.lostReasons,
  staleAfterDays: p.staleAfterDays,
  stages: p.stages.map(({ playbook, ...s }) => ({ ...s, ...(playbook ? { playbook } : {}) })),
});

/** Admins edit pipelines and their stages here; a change applies at once, with no restart. */
export function PipelineSettingsPage() {
  const session = useSession();
  const pipelines = usePipelines();
  const save = useSavePipeline();
  const meta = useObjectMeta('deals');
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<PipelineDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const list = pipelines.data ?? [];
  const current = list.find((p) => p.id === selected);
  useEffect(() => {
    if (!selected && list.length) setSelected(list[0].id);
  }, [list, selected]);
  useEffect(() => {
    if (current) setDraft(draftOf(current));
    setErrors({});
  }, [current]);
  const fieldOptions = useMemo(
    () =>
      meta
        ? editableFields(meta)
            .filter((f) => f.type !== 'json')
            .map((f) => ({ value: f.name, label: f.label }))
        : [],
    [meta],
  );
  if (session?.user.role !== 'admin')
    return <Alert color="yellow">Only workspace admins can change pipelines.</Alert>;
  if (!draft) return null;

  const setStage = (i: number, stage: StageInput) =>
    setDraft({ ...draft, stages: draft.stages.map((s, j) => (j === i ? stage : s)) });
  const moveStage = (i: number, offset: -1 | 1) => {
    const stages = [...draft.stages];
    [stages[i], stages[i + offset]] = [stages[i + offset], stages[i]];
    setDraft({ ...draft, stages });
  };
  const submit = async () => {
    try {
      const saved = await save.mutateAsync({ id: current?.id, version: current?.version, draft });
      setSelected(saved.id);
      setErrors({});
      notifications.show({ color: 'green', message: `Pipeline "${saved.name}" saved` });
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length)
        setErrors(Object.fromEntries(error.fieldErrors.map((e) => [e.path, e.message])));
      notifyFailure(error, 'The pipeline was not saved');
    }
  };

  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={1} size="h3">
          Pipelines
        </Title>
        <Group>
          <Select
            aria-label="Pipeline to edit"
            data={list.map((p) => ({ value: p.id, label: p.name }))}
            value={selected}
            onChange={setSelected}
            w={240}
          />
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              setSelected(null);
              setDraft(fresh);
            }}
          >
            New pipeline
          </Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput
          label="Name"
          required
          value={draft.name}
          error={errors.name}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          w={260}
        />
        <NumberInput
          label="Stale after (days)"
          min={1}
          value={draft.staleAfterDays ?? ''}
          onChange={(v) => setDraft({ ...draft, staleAfterDays: v === '' ? null : Number(v) })}
          w={150}
        />
        <Switch
          label="Enforce exit criteria"
          description="Off: moves go through and gaps are recorded"
          checked={draft.enforceCriteria}
          onChange={(e) => setDraft({ ...draft, enforceCriteria: e.currentTarget.checked })}
        />
        <Switch
          label="Default pipeline"
          checked={draft.isDefault}
          error={errors.isDefault}
          onChange={(e) => setDraft({ ...draft, isDefault: e.currentTarget.checked })}
        />
      </Group>
      <TagsInput
        label="Lost reasons"
        description="When set, a lost deal picks one of these"
        value={draft.lostReasons}
        onChange={(lostReasons) => setDraft({ ...draft, lostReasons })}
      />
      <Title order={2} size="h5">
        Stages
      </Title>
      {errors.stages && (
        <Text c="var(--mantine-color-error)" size="sm">
          {errors.stages}
        </Text>
      )}
      {draft.stages.map((stage, i) => (
        <StageEditor
          key={stage.id ?? `new-${i}`}
          stage={stage}
          index={i}
          count={draft.stages.length}
          fieldOptions={fieldOptions}
          errors={errors}
          onChange={(s) => setStage(i, s)}
          onMove={(offset) => moveStage(i, offset)}
          onRemove={() => setDraft({ ...draft, stages: draft.stages.filter((_, j) => j !== i) })}
        />
      ))}
      <Group justify="space-between">
        <Button
          variant="subtle"
          leftSection={<IconPlus size={16} />}
          onClick={() => setDraft({ ...draft, stages: [...draft.stages, { name: '', probability: 0 }] })}
        >
          Add a stage
        </Button>
        <Button onClick={() => void submit()} loading={save.isPending}>
          Save pipeline
        </Button>
      </Group>
    </Stack>
  );
}
