import { Alert, Button, Checkbox, Group, Modal, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import {
  customFieldTypes,
  type FieldMeta,
  fieldTypeLabels,
  type SelectOption,
} from '../../../common/metadata';
import { fieldErrorMap } from '../../../web/api/http';
import { useObjectMeta } from '../../../web/api/metadata';
import { useAdminWrite } from './api';

interface FieldEditorModalProps {
  object: string;
  /** the field being edited, or null to add a new custom field */
  field: FieldMeta | null;
  opened: boolean;
  onClose: () => void;
}

/** `Very large` → `veryLarge`: an API name suggested from the label. */
function apiNameFrom(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[^\w\s]/g, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join('')
    .replace(/^[^a-z]+/, '');
}

function optionsFrom(labels: string[], previous: SelectOption[] = []): SelectOption[] {
  return labels.map(
    (label) => previous.find((o) => o.label === label) ?? { value: apiNameFrom(label) || label, label },
  );
}

function Editor({ object, field, onClose }: Omit<FieldEditorModalProps, 'opened'>) {
  const [label, setLabel] = useState(field?.label ?? '');
  const [name, setName] = useState(field?.name ?? '');
  const [nameTouched, setNameTouched] = useState(Boolean(field));
  const [type, setType] = useState<string>(field?.type ?? 'text');
  const [options, setOptions] = useState<string[]>(field?.options?.map((o) => o.label) ?? []);
  const [required, setRequired] = useState(field?.required ?? false);
  const [help, setHelp] = useState(field?.help ?? '');
  const [example, setExample] = useState(field?.example ?? '');
  const [timeline, setTimeline] = useState(field?.timeline ?? true);
  const add = useAdminWrite<Record<string, unknown>>(
    'POST',
    () => `/metadata/objects/${object}/fields`,
    (v) => v,
  );
  const edit = useAdminWrite<Record<string, unknown>>(
    'PATCH',
    () => `/metadata/objects/${object}/fields/${field?.name}`,
    (v) => v,
  );
  const write = field ? edit : add;
  const errors = fieldErrorMap(write.error);
  const hasOptions = type === 'select' || type === 'multiselect';

  const submit = () => {
    const opts = hasOptions ? optionsFrom(options, field?.options) : undefined;
    // An emptied help or example is cleared on an existing field, left out on a new one.
    const text = (value: string) => value.trim() || (field ? null : undefined);
    const shared = { label, required, help: text(help), example: text(example), timeline };
    const body = field
      ? { ...shared, ...(opts ? { options: opts } : {}) }
      : { name, type, ...shared, ...(opts ? { options: opts } : {}) };
    write.mutate(body, { onSuccess: onClose });
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack>
        <TextInput
          label="Label"
          required
          data-autofocus
          value={label}
          onChange={(e) => {
            setLabel(e.currentTarget.value);
            if (!nameTouched) setName(apiNameFrom(e.currentTarget.value));
          }}
          error={errors.label}
        />
        <TextInput
          label="API name"
          description={field ? 'Cannot change once created' : 'Used by the API and imports, e.g. renewalDate'}
          disabled={Boolean(field)}
          value={name}
          onChange={(e) => (setName(e.currentTarget.value), setNameTouched(true))}
          error={errors.name}
        />
        <Select
          label="Type"
          data={customFieldTypes.map((t) => ({ value: t, label: fieldTypeLabels[t] }))}
          value={type}
          onChange={(t) => t && setType(t)}
          disabled={Boolean(field)}
          allowDeselect={false}
          error={errors.type}
        />
        {hasOptions && (
          <TagsInput
            label="Options"
            description="Type an option and press Enter"
            value={options}
            onChange={setOptions}
            error={errors.options}
            clearable
          />
        )}
        <TextInput
          label="Help"
          description="Shown under the field in forms: what it is for"
          value={help}
          onChange={(e) => setHelp(e.currentTarget.value)}
          error={errors.help}
        />
        <TextInput
          label="Example"
          description="Shown inside the empty input"
          value={example}
          onChange={(e) => setExample(e.currentTarget.value)}
          error={errors.example}
        />
        <Checkbox
          label="Required"
          checked={required}
          onChange={(e) => setRequired(e.currentTarget.checked)}
        />
        <Checkbox
          label="Show its changes on timelines"
          checked={timeline}
          onChange={(e) => setTimeline(e.currentTarget.checked)}
        />
        {write.error && !Object.keys(errors).length && <Alert color="red">{write.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={write.isPending} disabled={!label.trim() || !name}>
            {field ? 'Save field' : 'Add field'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function FieldEditorModal(props: FieldEditorModalProps) {
  const objectLabel = useObjectMeta(props.object)?.labelPlural ?? props.object;
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={
        props.field ? `Edit “${props.field.label}” of ${objectLabel}` : `Add a custom field to ${objectLabel}`
      }
    >
      {props.opened && <Editor object={props.object} field={props.field} onClose={props.onClose} />}
    </Modal>
  );
}
