import {
  ActionIcon,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import type { StageInput } from '../contract';

interface StageEditorProps {
  stage: StageInput;
  index: number;
  count: number;
  fieldOptions: { value: string; label: string }[];
  errors: Record<string, string>;
  onChange: (stage: StageInput) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}

const outcomeOptions = [
  { value: 'open', label: 'Open' },
  { value: 'won', label: 'Won' },
  { value: 'lost', label: 'Lost' },
];

/** One stage of a pipeline being edited: name, probability, outcome, playbook and exit criteria. */
export function StageEditor({
  stage,
  index,
  count,
  fieldOptions,
  errors,
  onChange,
  onMove,
  onRemove,
}: StageEditorProps) {
  const at = (field: string) => errors[`stages.${index}.${field}`];
  const set = (patch: Partial<StageInput>) => onChange({ ...stage, ...patch });
  return (
    <Paper withBorder p="sm" aria-label={`Stage ${index + 1}: ${stage.name}`} role="group">
      <Stack gap="xs">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label="Stage"
            required
            value={stage.name}
            error={at('name')}
            onChange={(e) => set({ name: e.currentTarget.value })}
            w={220}
          />
          <NumberInput
            label="Probability (%)"
            min={0}
            max={100}
            value={stage.probability}
            error={at('probability')}
            onChange={(v) => set({ probability: Number(v) || 0 })}
            w={130}
          />
          <Select
            label="Outcome"
            data={outcomeOptions}
            value={stage.outcome ?? 'open'}
            allowDeselect={false}
            onChange={(v) => set({ outcome: v === 'won' || v === 'lost' ? v : null })}
            w={110}
          />
          <Group gap={4} ml="auto">
            <ActionIcon
              variant="subtle"
              aria-label={`Move ${stage.name} up`}
              disabled={index === 0}
              onClick={() => onMove(-1)}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              aria-label={`Move ${stage.name} down`}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon variant="subtle" color="red" aria-label={`Remove ${stage.name}`} onClick={onRemove}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Group>
        <Textarea
          label="Playbook"
          description="What to do in this stage"
          autosize
          minRows={1}
          maxRows={6}
          value={stage.playbook ?? ''}
          onChange={(e) => set({ playbook: e.currentTarget.value })}
        />
        <Group grow align="flex-start">
          <MultiSelect
            label={stage.outcome ? 'Fields required to close here' : 'Fields required to leave'}
            description={stage.outcome === 'lost' ? 'A lost reason is always required' : undefined}
            data={fieldOptions}
            value={stage.requiredFields ?? []}
            error={at('requiredFields.0')}
            searchable
            onChange={(requiredFields) => set({ requiredFields })}
          />
          {!stage.outcome && (
            <TagsInput
              label="Checklist to tick before leaving"
              value={stage.checklist ?? []}
              error={at('checklist')}
              onChange={(checklist) => set({ checklist })}
            />
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
