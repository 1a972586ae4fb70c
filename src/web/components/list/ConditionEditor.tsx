import { ActionIcon, Group, MultiSelect, NumberInput, Select, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import type { FieldMeta } from '../../../common/metadata';
import type { FilterOperator } from '../../../common/pagination';
import { ReferenceInput } from '../fields/ReferenceInput';
import { type FilterLeaf, operatorLabels, operatorsFor } from './filterModel';

/** Dropdowns render inside the filter popover, or a click in them would close it. */
const inline = { withinPortal: false };

interface ConditionEditorProps {
  leaf: FilterLeaf;
  fields: FieldMeta[];
  onChange: (leaf: FilterLeaf) => void;
  onRemove: () => void;
}

function ValueInput({
  field,
  leaf,
  onChange,
}: {
  field: FieldMeta;
  leaf: FilterLeaf;
  onChange: (value: unknown) => void;
}) {
  const label = `Value for ${field.label}`;
  const text = leaf.value === undefined || leaf.value === null ? '' : String(leaf.value);
  if (leaf.op === 'isNull') {
    return (
      <Select
        comboboxProps={inline}
        aria-label={label}
        data={[
          { value: 'true', label: 'yes' },
          { value: 'false', label: 'no (has a value)' },
        ]}
        value={leaf.value === false ? 'false' : 'true'}
        onChange={(v) => onChange(v !== 'false')}
        allowDeselect={false}
        w={170}
      />
    );
  }
  if (field.type === 'boolean') {
    return (
      <Select
        comboboxProps={inline}
        aria-label={label}
        data={[
          { value: 'true', label: 'Yes' },
          { value: 'false', label: 'No' },
        ]}
        value={leaf.value === undefined ? null : String(leaf.value)}
        onChange={(v) => onChange(v === null ? undefined : v === 'true')}
        w={170}
      />
    );
  }
  if ((field.type === 'select' || field.type === 'multiselect') && field.options) {
    return leaf.op === 'in' || field.type === 'multiselect' ? (
      <MultiSelect
        comboboxProps={inline}
        aria-label={label}
        data={field.options}
        value={Array.isArray(leaf.value) ? leaf.value.map(String) : text ? [text] : []}
        onChange={(v) => onChange(field.type === 'multiselect' && leaf.op !== 'in' ? v[0] : v)}
        maxValues={field.type === 'multiselect' && leaf.op !== 'in' ? 1 : undefined}
        searchable
        miw={170}
        style={{ flex: 1 }}
      />
    ) : (
      <Select
        comboboxProps={inline}
        aria-label={label}
        data={field.options}
        value={text || null}
        onChange={(v) => onChange(v ?? undefined)}
        searchable
        w={170}
        style={{ flex: 1 }}
      />
    );
  }
  if (field.type === 'reference' && field.reference) {
    return (
      <ReferenceInput
        inPopover
        object={field.reference}
        label={label}
        value={text || null}
        onChange={(v) => onChange(v ?? undefined)}
      />
    );
  }
  if (field.type === 'number' || field.type === 'integer') {
    return (
      <NumberInput
        aria-label={label}
        value={typeof leaf.value === 'number' ? leaf.value : ''}
        onChange={(v) => onChange(v === '' ? undefined : Number(v))}
        w={170}
        style={{ flex: 1 }}
      />
    );
  }
  const type = field.type === 'date' ? 'date' : field.type === 'datetime' ? 'datetime-local' : 'text';
  return (
    <TextInput
      aria-label={label}
      type={type}
      inputMode={field.type === 'money' ? 'decimal' : undefined}
      value={field.type === 'datetime' ? text.slice(0, 16) : text}
      onChange={(e) => {
        const raw = e.currentTarget.value;
        onChange(field.type === 'datetime' && raw ? new Date(raw).toISOString() : raw);
      }}
      miw={150}
      style={{ flex: 1 }}
    />
  );
}

/** One condition: field, operator, value. */
export function ConditionEditor({ leaf, fields, onChange, onRemove }: ConditionEditorProps) {
  const field = fields.find((f) => f.name === leaf.field) ?? fields[0];
  const operators = operatorsFor(field);
  return (
    <Group gap="xs" wrap="wrap" align="flex-start">
      <Select
        comboboxProps={inline}
        aria-label="Field"
        data={fields.map((f) => ({ value: f.name, label: f.label }))}
        value={field.name}
        onChange={(name) => {
          const next = fields.find((f) => f.name === name);
          if (next) onChange({ field: next.name, op: operatorsFor(next)[0], value: undefined });
        }}
        searchable
        allowDeselect={false}
        w={170}
      />
      <Select
        comboboxProps={inline}
        aria-label="Condition"
        data={operators.map((op) => ({ value: op, label: operatorLabels[op] }))}
        value={operators.includes(leaf.op) ? leaf.op : operators[0]}
        onChange={(op) =>
          op && onChange({ ...leaf, op: op as FilterOperator, value: op === 'isNull' ? true : leaf.value })
        }
        allowDeselect={false}
        w={140}
      />
      <ValueInput field={field} leaf={leaf} onChange={(value) => onChange({ ...leaf, value })} />
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={`Remove condition on ${field.label}`}
        onClick={onRemove}
      >
        <IconX size={16} />
      </ActionIcon>
    </Group>
  );
}
