import { Select } from '@mantine/core';
import type { FieldInputProps } from '../../../web/components/fields/FieldInput';
import type { FieldDisplayProps } from '../../../web/modules';
import { usePipelines } from './api';

/** A stage id shown as its name (stages live in their pipeline, not in a table of their own). */
export function StageValue({ value }: FieldDisplayProps) {
  const pipelines = usePipelines();
  const stage = pipelines.data?.flatMap((p) => p.stages).find((s) => s.id === value);
  return <>{stage?.name ?? ''}</>;
}

/** A stage picked by name, grouped by pipeline. */
export function StageInput({
  field,
  value,
  onChange,
  errors = {},
  autoFocus,
  hideLabel,
  inPopover,
}: FieldInputProps) {
  const pipelines = usePipelines();
  const data = (pipelines.data ?? []).map((p) => ({
    group: p.name,
    items: p.stages.map((s) => ({ value: s.id, label: s.name })),
  }));
  return (
    <Select
      label={hideLabel ? undefined : field.label}
      aria-label={field.label}
      data={data}
      value={typeof value === 'string' ? value : null}
      onChange={(v) => onChange(v)}
      error={errors[field.name]}
      autoFocus={autoFocus}
      comboboxProps={{ withinPortal: !inPopover }}
      searchable
      clearable={!field.required}
    />
  );
}
