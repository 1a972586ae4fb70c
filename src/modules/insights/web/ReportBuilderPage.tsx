import '@mantine/charts/styles.css';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import type { FilterNode } from '../../../common/pagination';
import { fieldsInWorkingOrder, useObjects } from '../../../web/api/metadata';
import { conditionText, topConditions } from '../../../web/components/list/filterChips';
import { FilterBuilder } from '../../../web/components/list/FilterBuilder';
import { notifyFailure } from '../../../web/api/notify';
import { chartKinds, dateBucketNames, type ReportDefinition, type ReportQuery } from '../contract';
import { useRunReport, useSaveReport } from './api';
import { AddToDashboard } from './AddToDashboard';
import { ReportChart } from './ReportChart';
import { ReportExportMenu } from './ReportExportMenu';
import { measuresOf, ReportMeasuresInput, type MeasureDraft } from './ReportMeasuresInput';
import { dateFields, groupFields, isDateType } from './reportFields';

const chartLabels: Record<string, string> = { number: 'single number' };
const yearStart = `${new Date().getUTCFullYear()}-01-01`;
const yearEnd = `${new Date().getUTCFullYear()}-12-31`;
type Bucket = (typeof dateBucketNames)[number];
const justCount: MeasureDraft[] = [{ fn: 'count', field: null }];

/**
 * Build a report: an object, its filters, up to two groupings (a date by its bucket), its measures, a
 * range and a chart; run as you go.
 */
export function ReportBuilderPage() {
  const objects = useObjects();
  const [object, setObject] = useState('deals');
  const [group1, setGroup1] = useState<string | null>(null);
  const [bucket1, setBucket1] = useState<string | null>('month');
  const [group2, setGroup2] = useState<string | null>(null);
  const [bucket2, setBucket2] = useState<string | null>('month');
  const [measures, setMeasures] = useState<MeasureDraft[]>(justCount);
  const [rangeField, setRangeField] = useState<string | null>(null);
  const [filter, setFilter] = useState<FilterNode | undefined>(undefined);
  const [from, setFrom] = useState(yearStart);
  const [to, setTo] = useState(yearEnd);
  const [chart, setChart] = useState<string>('bar');
  const [name, setName] = useState('');
  const [savedId, setSavedId] = useState<string | null>(null);
  const save = useSaveReport();
  const meta = objects.find((o) => o.name === object);
  const groupable = meta ? groupFields(meta, objects) : [];
  const typeOf = (f: string | null) => groupable.find((g) => g.value === f)?.type ?? '';
  // Date buckets need a range: grouping by one of the object's dates ranges on it, unless one is chosen.
  const groupOn = (set: (field: string | null) => void) => (field: string | null) => {
    set(field);
    if (!rangeField && meta && dateFields(meta).some((f) => f.value === field)) setRangeField(field);
  };

  const query = useMemo<ReportQuery | null>(() => {
    const asked = measuresOf(measures);
    if (!meta || !asked) return null;
    const groupBy = [
      [group1, bucket1],
      [group2, bucket2],
    ].flatMap(([g, bucket]) =>
      g ? [isDateType(typeOf(g)) && bucket ? { field: g, bucket: bucket as Bucket } : g] : [],
    );
    return {
      object,
      ...(filter ? { filter } : {}),
      groupBy,
      measures: asked,
      ...(rangeField ? { range: { field: rangeField, from, to } } : {}),
    };
  }, [meta, object, filter, group1, bucket1, group2, bucket2, measures, rangeField, from, to]);
  const definition: ReportDefinition | null = query && {
    ...query,
    chart: chart as ReportDefinition['chart'],
  };
  const answer = useRunReport(query);

  const saveReport = () =>
    definition &&
    save.mutate(
      { name, chart, definition },
      {
        onSuccess: (saved) => {
          setSavedId(saved.id);
          notifications.show({ message: `Report "${saved.name}" saved` });
        },
        onError: (error) => notifyFailure(error, 'The report was not saved'),
      },
    );

  return (
    <Stack>
      <Title order={1} size="h2">
        Report builder
      </Title>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 5 }} verticalSpacing="xs">
          <Select
            label="Object"
            data={objects.map((o) => ({ value: o.name, label: o.labelPlural }))}
            value={object}
            onChange={(v) => {
              setObject(v ?? 'deals');
              setGroup1(null);
              setGroup2(null);
              setMeasures(justCount);
              setRangeField(null);
              setFilter(undefined);
            }}
            allowDeselect={false}
          />
          <Select
            label="Group by"
            clearable
            searchable
            data={groupable}
            value={group1}
            onChange={groupOn(setGroup1)}
          />
          {isDateType(typeOf(group1)) && (
            <Select label="Bucket" data={[...dateBucketNames]} value={bucket1} onChange={setBucket1} />
          )}
          <Select
            label="Then by"
            clearable
            searchable
            data={groupable}
            value={group2}
            onChange={groupOn(setGroup2)}
          />
          {isDateType(typeOf(group2)) && (
            <Select
              label="Then by bucket"
              data={[...dateBucketNames]}
              value={bucket2}
              onChange={setBucket2}
            />
          )}
        </SimpleGrid>
        <ReportMeasuresInput meta={meta} measures={measures} onChange={setMeasures} />
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mt="sm" verticalSpacing="xs">
          <Select
            label="Range on"
            clearable
            data={meta ? dateFields(meta) : []}
            value={rangeField}
            onChange={setRangeField}
          />
          <TextInput label="From" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput label="To" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <Select
            label="Chart"
            data={chartKinds.map((c) => ({ value: c, label: chartLabels[c] ?? c }))}
            value={chart}
            onChange={(v) => setChart(v ?? 'table')}
            allowDeselect={false}
          />
        </SimpleGrid>
        {meta && (
          <Group mt="sm" gap="xs" wrap="wrap" role="group" aria-label="Report filters">
            <FilterBuilder
              key={`${object}:${JSON.stringify(filter ?? null)}`}
              fields={fieldsInWorkingOrder(meta)}
              filter={filter}
              onApply={setFilter}
            />
            {topConditions(filter).map((condition, i) => (
              <Badge key={i} variant="light" color="gray" c="var(--mantine-color-text)" tt="none" fw={500}>
                {conditionText(condition, meta.fields)}
              </Badge>
            ))}
          </Group>
        )}
      </Card>
      {answer.isFetching && <Loader size="sm" />}
      {answer.error && (
        <Alert color="red" title="This report cannot run">
          {answer.error.message}
        </Alert>
      )}
      {definition && answer.data && (
        <ReportChart definition={definition} answer={answer.data} name={name.trim() || 'report'} />
      )}
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Report name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Button onClick={saveReport} disabled={!definition || !name.trim()} loading={save.isPending}>
          Save report
        </Button>
        {savedId && <AddToDashboard reportId={savedId} />}
        {query && <ReportExportMenu query={query} name={name.trim()} />}
      </Group>
    </Stack>
  );
}
