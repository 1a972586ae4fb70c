import { Anchor, Group, Skeleton, Table, Text } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { RecordViewProps } from '../../../web/modules';
import type { FieldProvenance } from '../contract';
import { useProvenance } from './api';
import { ageInWords } from './freshness';

const sourceWords: Record<string, string> = {
  app: 'typed in Rapport',
  api: 'through the API',
  email: 'captured from email',
  automation: 'by automation',
  system: 'by Rapport',
};

/** Where a value came from, in words: the import file and row, the merge, the key or the person. */
function cameFrom(p: FieldProvenance) {
  if (p.import)
    return `imported from ${p.import.fileName}${p.import.row !== null ? `, row ${p.import.row}` : ''} by ${p.actor.name}`;
  if (p.merge)
    return `merged from ${p.merge.mergedIds.length} other record${p.merge.mergedIds.length > 1 ? 's' : ''} by ${p.actor.name}`;
  if (p.actor.type === 'apiKey') return `through the API key "${p.actor.name}"`;
  if (p.origin) return <Origin origin={p.origin} actor={p.actor.name} />;
  return `${sourceWords[p.source] ?? p.source} by ${p.actor.name}`;
}

/** A value taken from something a module describes (a captured email), opening its activity where there is one. */
function Origin({ origin, actor }: { origin: NonNullable<FieldProvenance['origin']>; actor: string }) {
  const activityId = origin.activityId;
  const label = activityId ? (
    <Anchor
      size="sm"
      renderRoot={(props) => (
        <Link {...props} to="/o/$object/$id" params={{ object: 'activities', id: activityId }} />
      )}
    >
      {origin.label}
    </Anchor>
  ) : (
    origin.label
  );
  return (
    <>
      taken from {label} by {actor}
    </>
  );
}

/** Each field's current value: where it came from, when, and how old it is (possibly stale past the workspace's age). */
export function ProvenanceTab({ meta, record }: RecordViewProps) {
  const provenance = useProvenance(meta.name, record.id);
  if (provenance.isPending) return <Skeleton h={120} />;
  const label = (field: string) => meta.fields.find((f) => f.name === field)?.label ?? field;
  const rows = [...(provenance.data ?? [])].sort((a, b) => label(a.field).localeCompare(label(b.field)));
  if (!rows.length) return <Text c="dimmed">No value has been set yet.</Text>;
  return (
    <Table striped data-testid="provenance">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Field</Table.Th>
          <Table.Th>Came from</Table.Th>
          <Table.Th>When</Table.Th>
          <Table.Th>Age</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((p) => (
          <Table.Tr key={p.field}>
            <Table.Td>{label(p.field)}</Table.Td>
            <Table.Td>{cameFrom(p)}</Table.Td>
            <Table.Td>{new Date(p.at).toLocaleString()}</Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                {ageInWords(p.ageDays)}
                {p.stale && (
                  <>
                    <IconClockExclamation size={14} color="var(--mantine-color-orange-6)" aria-hidden />
                    <Text span size="xs" c="dimmed">
                      possibly stale
                    </Text>
                  </>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
