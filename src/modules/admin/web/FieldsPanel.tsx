import { Badge, Button, Group, Select, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { type FieldMeta, fieldTypeLabels } from '../../../common/metadata';
import { useObjects } from '../../../web/api/metadata';
import { notifyFailure } from '../../../web/api/notify';
import { useAdminWrite } from './api';
import { FieldEditorModal } from './FieldEditorModal';
import { StackingTable } from '../../../web/components/StackingTable';

export function FieldsPanel() {
  const objects = useObjects();
  const [objectName, setObjectName] = useState<string>('accounts');
  const [editing, setEditing] = useState<{ field: FieldMeta | null } | null>(null);
  const object = objects.find((o) => o.name === objectName) ?? objects[0];
  const retire = useAdminWrite<{ field: string; retired: boolean }>(
    'PATCH',
    (i) => `/metadata/objects/${object?.name}/fields/${i.field}`,
    (i) => ({ retired: i.retired }),
  );
  const onTimeline = useAdminWrite<{ field: string; timeline: boolean }>(
    'PATCH',
    (i) => `/metadata/objects/${object?.name}/fields/${i.field}`,
    (i) => ({ timeline: i.timeline }),
  );
  if (!object) return null;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Select
          label="Object"
          data={objects.map((o) => ({ value: o.name, label: o.labelPlural }))}
          value={object.name}
          onChange={(v) => v && setObjectName(v)}
          allowDeselect={false}
          w={240}
        />
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ field: null })}>
          Add custom field
        </Button>
      </Group>
      <StackingTable verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Label</Table.Th>
            <Table.Th>API name</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>On timeline</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {object.fields.map((field) => (
            <Table.Tr key={field.name} opacity={field.retired ? 0.55 : 1}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {field.label}{' '}
                  {field.required && (
                    <Badge size="xs" variant="light">
                      required
                    </Badge>
                  )}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {field.name}
                </Text>
              </Table.Td>
              <Table.Td>{fieldTypeLabels[field.type]}</Table.Td>
              <Table.Td>
                {field.retired ? (
                  <Badge color="gray">retired</Badge>
                ) : field.custom ? (
                  <Badge variant="light">custom</Badge>
                ) : (
                  'standard'
                )}
              </Table.Td>
              <Table.Td>
                {!field.readOnly && (
                  <Switch
                    aria-label={`Show changes of ${field.label} on timelines`}
                    checked={field.timeline}
                    onChange={(e) =>
                      onTimeline.mutate(
                        { field: field.name, timeline: e.currentTarget.checked },
                        { onError: (error) => notifyFailure(error, 'Could not change the field') },
                      )
                    }
                  />
                )}
              </Table.Td>
              <Table.Td ta="right">
                {field.custom && (
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setEditing({ field })}
                      disabled={field.retired}
                    >
                      Edit
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color={field.retired ? 'indigo' : 'red'}
                      onClick={() =>
                        retire.mutate(
                          { field: field.name, retired: !field.retired },
                          { onError: (e) => notifyFailure(e, 'Could not change the field') },
                        )
                      }
                    >
                      {field.retired ? 'Bring back' : 'Retire'}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </StackingTable>
      <FieldEditorModal
        object={object.name}
        field={editing?.field ?? null}
        opened={Boolean(editing)}
        onClose={() => setEditing(null)}
      />
    </Stack>
  );
}
