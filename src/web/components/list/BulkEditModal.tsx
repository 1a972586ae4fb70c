import { Alert, Button, Group, List, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { FieldMeta } from '../../../common/metadata';
import { ApiError } from '../../api/http';
import { useBulk } from '../../api/records';
import { FieldInput } from '../fields/FieldInput';

interface BulkEditModalProps {
  object: string;
  label: string;
  fields: FieldMeta[];
  ids: string[];
  opened: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** Sets one field to one value on every selected record, all or nothing. */
export function BulkEditModal({ object, label, fields, ids, opened, onClose, onDone }: BulkEditModalProps) {
  const [fieldName, setFieldName] = useState<string | null>(null);
  const [value, setValue] = useState<unknown>(null);
  const bulk = useBulk(object);
  const field = fields.find((f) => f.name === fieldName);
  const problems = bulk.error instanceof ApiError ? bulk.error.fieldErrors : [];
  const fieldErrors: Record<string, string> = {};
  if (field && problems[0]) fieldErrors[field.name] = problems[0].message;

  const apply = () => {
    if (!field) return;
    bulk.mutate(
      { update: ids.map((id) => ({ id, [field.name]: value })) },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'teal',
            title: 'Updated',
            message: `${field.label} set on ${result.updated.length} ${label}.`,
          });
          onDone();
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Edit ${ids.length} ${label}`}>
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
            <Text c="red" size="sm">
              {bulk.error.message}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!field} loading={bulk.isPending}>
              Apply to {ids.length}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
