import { SegmentedControl, Group, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ObjectMeta } from '../../../common/metadata';
import { useQualityGroups } from './api';

/** Completeness per owner or team: whose records need filling in, and whose are going stale. */
export function QualityByGroup({ meta }: { meta: ObjectMeta }) {
  const [by, setBy] = useState<'owner' | 'team'>('owner');
  const owned = meta.fields.some((f) => f.name === 'ownerId');
  const groups = useQualityGroups(meta.name, by, owned);
  if (!owned) return null;
  return (
    <>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Completeness by {by}
        </Title>
        <SegmentedControl
          aria-label="Group by"
          size="xs"
          data={[
            { value: 'owner', label: 'Owner' },
            { value: 'team', label: 'Team' },
          ]}
          value={by}
          onChange={(v) => setBy(v as 'owner' | 'team')}
        />
      </Group>
      <Table mb="lg" data-testid="quality-groups">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{by === 'owner' ? 'Owner' : 'Team'}</Table.Th>
            <Table.Th>Records</Table.Th>
            <Table.Th>Average score</Table.Th>
            <Table.Th>Not changed in 6 months</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(groups.data ?? []).map((g) => (
            <Table.Tr key={g.id ?? 'none'}>
              <Table.Td>{g.name}</Table.Td>
              <Table.Td>{g.records.toLocaleString()}</Table.Td>
              <Table.Td>{g.score}%</Table.Td>
              <Table.Td>{g.stale.toLocaleString()}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {groups.data?.length === 0 && (
        <Text size="sm" c="dimmed" mb="lg">
          No records yet.
        </Text>
      )}
    </>
  );
}
