import {
  Anchor,
  Container,
  Group,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useObjectMeta, useObjects } from '../../../web/api/metadata';
import { useObjectQuality, useWorstRecords } from './api';
import { InvalidValues } from './InvalidValues';
import { QualityByGroup } from './QualityByGroup';
import { QualityTrend } from './QualityTrend';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

/** The data quality view: how complete an object's records are, field by field, and the worst of them. */
export function QualityPage() {
  const objects = useObjects().filter((o) => o.name !== 'pipelines');
  const [object, setObject] = useState('contacts');
  const meta = useObjectMeta(object);
  const quality = useObjectQuality(object);
  const worst = useWorstRecords(object);
  const label = (field: string) => meta?.fields.find((f) => f.name === field)?.label ?? field;
  const fields = [...(quality.data?.fields ?? [])].sort((a, b) => a.share - b.share);
  return (
    <Container size="lg" py="md">
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          Data quality
        </Title>
        <Select
          aria-label="Object"
          data={objects.map((o) => ({ value: o.name, label: o.labelPlural }))}
          value={object}
          onChange={(v) => v && setObject(v)}
          allowDeselect={false}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} mb="lg" data-testid="quality-figures">
        <Figure label="Records" value={quality.data ? quality.data.records.toLocaleString() : '…'} />
        <Figure label="Average quality score" value={quality.data ? `${quality.data.score}%` : '…'} />
        <Figure
          label="Duplicate pairs waiting"
          value={quality.data ? String(quality.data.duplicatesWaiting) : '…'}
        />
        <Figure
          label={`Not changed in ${quality.data?.staleMonths ?? 6} months`}
          value={quality.data ? quality.data.stale.toLocaleString() : '…'}
        />
      </SimpleGrid>
      <QualityTrend object={object} />
      <Title order={2} size="h4" mb="xs">
        Completeness by field
      </Title>
      <Table mb="lg" data-testid="quality-fields">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>Records with it</Table.Th>
            <Table.Th w="40%">Share</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((f) => (
            <Table.Tr key={f.field}>
              <Table.Td>{label(f.field)}</Table.Td>
              <Table.Td>{f.filled.toLocaleString()}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Progress value={f.share * 100} w="100%" aria-label={`${label(f.field)} filled`} />
                  <Text size="sm" w={48} ta="right">
                    {Math.round(f.share * 100)}%
                  </Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {quality.data && <InvalidValues object={object} invalid={quality.data.invalid} label={label} />}
      {meta && <QualityByGroup meta={meta} />}
      <Title order={2} size="h4" mb="xs">
        Records to improve first
      </Title>
      <Table striped data-testid="quality-worst">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Record</Table.Th>
            <Table.Th>Score</Table.Th>
            <Table.Th>Missing</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(worst.data ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor renderRoot={(p) => <Link {...p} to="/o/$object/$id" params={{ object, id: r.id }} />}>
                  {r.title || '(no name)'}
                </Anchor>
              </Table.Td>
              <Table.Td>{r.score}%</Table.Td>
              <Table.Td>{r.missing.map(label).join(', ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Container>
  );
}
