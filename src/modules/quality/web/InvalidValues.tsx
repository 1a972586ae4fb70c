import { Anchor, Badge, Button, Drawer, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { InvalidCheck, ObjectQualityAnswer } from '../contract';
import { useInvalidRecords } from './api';

const kindLabels: Record<InvalidCheck['kind'], string> = {
  required: 'Required',
  requiredIf: 'Required if',
  pattern: 'Pattern',
  range: 'Range',
  length: 'Length',
  allowedValues: 'Allowed values',
  notBefore: 'Not before',
  unique: 'Unique',
  format: 'Format',
};

const shown = (value: unknown) =>
  value === null || value === undefined || value === ''
    ? '(empty)'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

/** The records breaking one check, to open one by one; more pages on demand. */
function InvalidRecordsList({ object, check }: { object: string; check: InvalidCheck }) {
  const found = useInvalidRecords(object, check.id);
  const records = found.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Stack gap="xs">
      <Table data-testid="invalid-records">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Record</Table.Th>
            <Table.Th>Value</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor renderRoot={(p) => <Link {...p} to="/o/$object/$id" params={{ object, id: r.id }} />}>
                  {r.title || '(no name)'}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ wordBreak: 'break-word' }}>
                  {shown(r.value)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {found.isLoading && <Text size="sm">Loading…</Text>}
      {found.hasNextPage && (
        <Button variant="default" onClick={() => found.fetchNextPage()} loading={found.isFetchingNextPage}>
          Show more
        </Button>
      )}
    </Stack>
  );
}

/**
 * Stored values that break the workspace's validation rules or their field's format, per check, with
 * the records to open: data that came in before a rule existed is found here.
 */
export function InvalidValues({
  object,
  invalid,
  label,
}: {
  object: string;
  invalid: ObjectQualityAnswer['invalid'];
  label: (field: string) => string;
}) {
  const [open, setOpen] = useState<InvalidCheck | null>(null);
  const checks = [...invalid.checks].sort(
    (a, b) => (b.records ?? -1) - (a.records ?? -1) || label(a.field).localeCompare(label(b.field)),
  );
  return (
    <>
      <Title order={2} size="h4" mb="xs">
        Invalid values
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {invalid.records
          ? `${invalid.records.toLocaleString()} record(s) hold a value that breaks a rule as it is now.`
          : 'No record holds a value that breaks a validation rule or its field’s format.'}
      </Text>
      <Table mb="lg" data-testid="quality-invalid">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>Check</Table.Th>
            <Table.Th>Records</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {checks.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{label(c.field)}</Table.Td>
              <Table.Td>
                <Badge variant="light" mr="xs">
                  {kindLabels[c.kind]}
                </Badge>
                {c.message}
              </Table.Td>
              <Table.Td>
                {c.records === null ? (
                  <Text size="sm" c="dimmed">
                    Not checked: {c.notChecked}
                  </Text>
                ) : c.records ? (
                  <Anchor component="button" type="button" onClick={() => setOpen(c)}>
                    {c.records.toLocaleString()}
                  </Anchor>
                ) : (
                  '0'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Drawer
        opened={!!open}
        onClose={() => setOpen(null)}
        position="right"
        closeButtonProps={{ 'aria-label': 'Close' }}
        size="lg"
        title={open ? `${label(open.field)}: ${open.message}` : ''}
      >
        {open && <InvalidRecordsList object={object} check={open} />}
      </Drawer>
    </>
  );
}
