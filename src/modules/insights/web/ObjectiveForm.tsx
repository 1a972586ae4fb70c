import { Button, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import { type ObjectiveDraft, useCreateObjective, useMeasures } from './api';

const empty = { name: '', measure: '', baseline: '', target: '', dueDate: '' };

/** An admin sets what the CRM is for: a measure, where it stands, where it should be, by when. */
export function ObjectiveForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const measures = useMeasures().data ?? [];
  const create = useCreateObjective();
  const [draft, setDraft] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const unit = measures.find((m) => m.id === draft.measure)?.unit;
  const set = (key: keyof typeof empty) => (value: string | number | bigint | null) =>
    setDraft((d) => ({ ...d, [key]: value === null ? '' : String(value) }));

  const submit = () => {
    const body: ObjectiveDraft = {
      name: draft.name,
      measure: draft.measure,
      baseline: Number(draft.baseline),
      target: Number(draft.target),
      dueDate: draft.dueDate,
    };
    create.mutate(body, {
      onSuccess: () => {
        setDraft(empty);
        setErrors({});
        onClose();
      },
      onError: (error) => {
        setErrors(fieldErrorMap(error));
        if (!Object.keys(fieldErrorMap(error)).length) notifyFailure(error, 'The objective was not saved');
      },
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New objective">
      <Stack>
        <TextInput
          label="Name"
          required
          value={draft.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
          error={errors.name}
        />
        <Select
          label="Measure"
          required
          searchable
          data={measures.map((m) => ({
            value: m.id,
            label: m.dataAvailable ? m.label : `${m.label} (not measured yet)`,
          }))}
          value={draft.measure || null}
          onChange={set('measure')}
          error={errors.measure}
        />
        {unit && (
          <Text size="xs" c="dimmed">
            {unit === 'fraction' ? 'A rate: write 0.25 for 25%.' : `In ${unit}.`}
          </Text>
        )}
        <NumberInput
          label="Baseline"
          required
          decimalScale={4}
          value={draft.baseline}
          onChange={set('baseline')}
          error={errors.baseline}
        />
        <NumberInput
          label="Target"
          required
          decimalScale={4}
          value={draft.target}
          onChange={set('target')}
          error={errors.target}
        />
        <TextInput
          label="Due date"
          type="date"
          required
          value={draft.dueDate}
          onChange={(e) => set('dueDate')(e.currentTarget.value)}
          error={errors.dueDate}
        />
        <Button onClick={submit} loading={create.isPending}>
          Save objective
        </Button>
      </Stack>
    </Modal>
  );
}
