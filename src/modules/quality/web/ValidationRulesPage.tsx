import {
  Button,
  Container,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { editableFields, useObjectMeta, useObjects } from '../../../web/api/metadata';
import { fieldErrorMap } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import type { ValidationRule, ValidationRuleInput } from '../contract';
import { addValidationRule, removeValidationRule, useValidationRules } from './api';

const kinds = [
  { value: 'required', label: 'Required' },
  { value: 'requiredIf', label: 'Required when another field…' },
  { value: 'pattern', label: 'Matches a pattern' },
  { value: 'range', label: 'Within a range' },
  { value: 'length', label: 'Length in characters' },
  { value: 'allowedValues', label: 'One of a list of values' },
  { value: 'notBefore', label: 'Not before another date' },
  { value: 'unique', label: 'Unique: refuse a duplicate' },
];

/** What a rule asks, in words. */
function describe(rule: ValidationRule): string {
  switch (rule.kind) {
    case 'required':
      return 'required';
    case 'requiredIf':
      return `required when ${rule.whenField} ${rule.whenValue === undefined ? 'is set' : `is ${String(rule.whenValue)}`}`;
    case 'pattern':
      return `matches ${rule.pattern}`;
    case 'range':
      return [
        rule.min !== undefined && `at least ${rule.min}`,
        rule.max !== undefined && `at most ${rule.max}`,
      ]
        .filter(Boolean)
        .join(' and ');
    case 'length':
      return [
        rule.min !== undefined && `at least ${rule.min}`,
        rule.max !== undefined && `at most ${rule.max}`,
      ]
        .filter(Boolean)
        .join(' and ')
        .concat(' characters');
    case 'allowedValues':
      return `one of: ${rule.values.join(', ')}`;
    case 'notBefore':
      return `not before ${rule.otherField}`;
    case 'unique':
      return 'unique: a second record with the same value is refused';
  }
}

const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The rule as the API takes it, from the form's texts. */
function ruleInput(object: string, form: Record<string, string>): ValidationRuleInput {
  const base = { object, field: form.field, message: form.message || undefined };
  switch (form.kind) {
    case 'requiredIf':
      return {
        ...base,
        kind: 'requiredIf',
        whenField: form.whenField,
        whenValue: form.whenValue || undefined,
      };
    case 'pattern':
      return { ...base, kind: 'pattern', pattern: form.pattern };
    case 'range':
      return { ...base, kind: 'range', min: number(form.min ?? ''), max: number(form.max ?? '') };
    case 'length':
      return { ...base, kind: 'length', min: number(form.min ?? ''), max: number(form.max ?? '') };
    case 'allowedValues':
      return { ...base, kind: 'allowedValues', values: lines(form.values ?? '') };
    case 'notBefore':
      return { ...base, kind: 'notBefore', otherField: form.otherField };
    case 'unique':
      return { ...base, kind: 'unique' };
    default:
      return { ...base, kind: 'required' };
  }
}

/** Admins' validation rules per object: every write (form, API, import) must meet them. */
export function ValidationRulesPage() {
  const objects = useObjects().filter((o) => o.name !== 'pipelines');
  const [object, setObject] = useState('contacts');
  const meta = useObjectMeta(object);
  const rules = useValidationRules(object);
  const client = useQueryClient();
  const [form, setForm] = useState<Record<string, string>>({ kind: 'required' });
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrorMap(error);
  const fields = meta ? editableFields(meta).map((f) => ({ value: f.name, label: f.label })) : [];
  const set = (key: string) => (value: string | null) => setForm((f) => ({ ...f, [key]: value ?? '' }));
  const text = (key: string, label: string) => (
    <TextInput
      label={label}
      value={form[key] ?? ''}
      error={errors[key]}
      onChange={(e) => set(key)(e.currentTarget.value)}
    />
  );
  const refresh = () => client.invalidateQueries({ queryKey: ['validationRules', object] });
  const add = async () => {
    try {
      setError(null);
      await addValidationRule(ruleInput(object, form));
      setForm({ kind: form.kind });
      await refresh();
    } catch (failure) {
      setError(failure);
      if (!Object.keys(fieldErrorMap(failure)).length) notifyFailure(failure, 'Could not add the rule');
    }
  };
  const remove = async (id: string) => {
    try {
      await removeValidationRule(id);
      await refresh();
    } catch (failure) {
      notifyFailure(failure, 'Could not remove the rule');
    }
  };
  return (
    <Container size="lg" py="md">
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          Validation rules
        </Title>
        <Select
          aria-label="Object"
          data={objects.map((o) => ({ value: o.name, label: o.labelPlural }))}
          value={object}
          onChange={(v) => v && setObject(v)}
          allowDeselect={false}
        />
      </Group>
      <Table striped mb="lg">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Message</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rules.data ?? []).map((rule) => (
            <Table.Tr key={rule.id}>
              <Table.Td>{fields.find((f) => f.value === rule.field)?.label ?? rule.field}</Table.Td>
              <Table.Td>{describe(rule)}</Table.Td>
              <Table.Td>{rule.message ?? ''}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" color="red" onClick={() => void remove(rule.id)}>
                  Remove
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rules.data?.length === 0 && <Text c="dimmed">No rules on this object yet.</Text>}
      <Title order={2} size="h4" mt="lg" mb="sm">
        Add a rule
      </Title>
      <Stack maw={480}>
        <Select
          label="Field"
          data={fields}
          value={form.field ?? null}
          onChange={set('field')}
          error={errors.field}
          searchable
        />
        <Select label="Rule" data={kinds} value={form.kind} onChange={set('kind')} allowDeselect={false} />
        {form.kind === 'requiredIf' && (
          <>
            <Select
              label="When field"
              data={fields}
              value={form.whenField ?? null}
              onChange={set('whenField')}
              error={errors.whenField}
              searchable
            />
            {text('whenValue', 'Has the value (empty: has any value)')}
          </>
        )}
        {form.kind === 'pattern' && text('pattern', 'Pattern (regular expression)')}
        {(form.kind === 'range' || form.kind === 'length') && (
          <Group grow>
            {text('min', 'Minimum')}
            {text('max', 'Maximum')}
          </Group>
        )}
        {form.kind === 'allowedValues' && (
          <Textarea
            label="Allowed values, one a line"
            autosize
            minRows={3}
            value={form.values ?? ''}
            error={errors.values ?? Object.entries(errors).find(([k]) => k.startsWith('values.'))?.[1]}
            onChange={(e) => set('values')(e.currentTarget.value)}
          />
        )}
        {form.kind === 'notBefore' && (
          <Select
            label="Other date"
            data={[{ value: 'createdAt', label: 'Created' }, ...fields]}
            value={form.otherField ?? null}
            onChange={set('otherField')}
            error={errors.otherField}
          />
        )}
        {text('message', 'Message shown beside the field (optional)')}
        <Group>
          <Button onClick={() => void add()}>Add rule</Button>
        </Group>
      </Stack>
    </Container>
  );
}
