import { Alert, Button, Group, List, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FieldMeta } from '../../../common/metadata';
import { type BulkScope, setOnMatching } from '../../api/bulkMatching';
import { ApiError } from '../../api/http';
import { FieldInput } from '../fields/FieldInput';

interface BulkEditModalProps {
  object: string;
  label: string;
  fields: FieldMeta[];
  scope: BulkScope;
  opened: boolean;
  onClose: () => void;
  /** called with the replaced values, for an undo */
  onDone: (fieldLabel: string, previous: Awaited<ReturnType<typeof setOnMatching>>['previous']) => void;
}

/** Sets one field to one value on every selected record (or every matching one), all or nothing. */
export function BulkEditModal({ object, label, fields, scope, opened, onClose, onDone }: BulkEditModalProps) {
  const [fieldName, setFieldName] = useState<string | null>(null);
  const [value, setValue] = useState<unknown>(null);
  const bulk = useMutation({
    mutationFn: (set: Record<string, unknown>) => setOnMatching(object, scope, set),
  });
  const field = fields.find((f) => f.name === fieldName);
  const problems = bulk.error instanceof ApiError ? bulk.error.fieldErrors : [];
  const fieldErrors: Record<string, string> = {};
  if (field && problems[0]) fieldErrors[field.name] = problems[0].message;

  const apply = () => {
    if (!field) return;
    bulk.mutate(
      { [field.name]: value },
      {
        onSuccess: (result) => {
          onDone(field.label, result.previous);
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Edit ${scope.count.toLocaleString()} ${label}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <Stack>
          <Select
            label="Field to change"
            placeholder="Choose a field"
            data={fields.map((f) => ({ value: f.name, label: f.label }))}
            value={fieldName}
            onChange={(name) => {
              setFieldName(name);
              setValue(null);
              bulk.reset();
            }}
            searchable
            data-autofocus
          />
          {field && (
            <FieldInput
              object={object}
              key={field.name}
              field={{ ...field, required: false }}
              value={value}
              onChange={setValue}
              errors={fieldErrors}
            />
          )}
          {problems.length > 1 && (
            <Alert color="red" title="Some records were refused; nothing was changed">
              <List size="sm">
                {problems.slice(0, 5).map((p) => (
                  <List.Item key={p.path}>
                    {p.path}: {p.message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          {bulk.error && !problems.length && (
            <Text c="var(--mantine-color-error)" size="sm">
              {bulk.error.message}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!field} loading={bulk.isPending}>
              Apply to {scope.count.toLocaleString()}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
