import { Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import type { VisibilityScope } from '../../../common/metadata';
import { useObjects } from '../../../web/api/metadata';
import { notifyFailure } from '../../../web/api/notify';
import { useAdminWrite } from './api';

const scopes: { value: VisibilityScope; label: string }[] = [
  { value: 'owner', label: 'Owner only' },
  { value: 'team', label: 'Owner’s team' },
  { value: 'workspace', label: 'Everyone' },
];

export function VisibilityPanel() {
  const objects = useObjects().filter((o) => o.hasOwner);
  const update = useAdminWrite<{ object: string; visibility: VisibilityScope }>(
    'PATCH',
    (i) => `/metadata/objects/${i.object}`,
    (i) => ({ visibility: i.visibility }),
  );
  return (
    <Stack maw={760}>
      <Text size="sm" c="dimmed">
        Who can see a record besides admins. Managers always see their team's records.
      </Text>
      <Table verticalSpacing="sm">
        <Table.Tbody>
          {objects.map((object) => (
            <Table.Tr key={object.name}>
              <Table.Td fw={500}>{object.labelPlural}</Table.Td>
              <Table.Td>
                <Group justify="flex-end">
                  <SegmentedControl
                    aria-label={`Who sees ${object.labelPlural.toLowerCase()}`}
                    size="xs"
                    data={scopes}
                    value={object.visibility}
                    onChange={(v) =>
                      update.mutate(
                        { object: object.name, visibility: v as VisibilityScope },
                        { onError: (e) => notifyFailure(e, 'Could not change visibility') },
                      )
                    }
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
