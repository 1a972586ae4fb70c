import { Table, Text, Title } from '@mantine/core';
import { useFriction } from './api';

/** For admins: which forms take long or are left unsaved, and which fields people clear or call in their way. */
export function FrictionView() {
  const friction = useFriction(true).data;
  if (!friction) return null;
  return (
    <>
      <Title order={2} size="h4">
        Friction in forms, last 90 days
      </Title>
      <Text size="sm" c="dimmed">
        Counts only, never who. A required field that is often cleared or called in the way is one to
        reconsider.
      </Text>
      <Table.ScrollContainer minWidth={420} type="native" tabIndex={0} aria-label="Friction by form">
        <Table withTableBorder striped data-testid="friction-forms">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Form</Table.Th>
              <Table.Th>Saved</Table.Th>
              <Table.Th>Left unsaved</Table.Th>
              <Table.Th>Median time to save</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {friction.forms.map((f) => (
              <Table.Tr key={f.object}>
                <Table.Td>{f.object}</Table.Td>
                <Table.Td>{f.completed}</Table.Td>
                <Table.Td>{f.abandoned}</Table.Td>
                <Table.Td>{f.medianSeconds === null ? '—' : `${f.medianSeconds} s`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Table.ScrollContainer minWidth={420} type="native" tabIndex={0} aria-label="Friction by field">
        <Table withTableBorder striped data-testid="friction-fields">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>Filled</Table.Th>
              <Table.Th>Cleared</Table.Th>
              <Table.Th>In my way</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {friction.fields.map((f) => (
              <Table.Tr key={`${f.object}.${f.field}`}>
                <Table.Td>
                  {f.object}.{f.field}
                </Table.Td>
                <Table.Td>{f.filled}</Table.Td>
                <Table.Td>{f.cleared}</Table.Td>
                <Table.Td>{f.inMyWay}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
