import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import type { ObjectMeta } from '../../../common/metadata';
import { reportMeasureFunctions, reportMeasureLimit, type ReportQuery } from '../contract';
import { measureFields } from './reportFields';

type MeasureFunction = (typeof reportMeasureFunctions)[number];
/** A measure being chosen: its field is null until picked (count needs none). */
export interface MeasureDraft {
  fn: MeasureFunction;
  field: string | null;
}

/** In the words of the report's headings. */
const functionLabels: Record<MeasureFunction, string> = {
  count: 'Count',
  sum: 'Sum',
  avg: 'Average',
  min: 'Lowest',
  max: 'Highest',
  median: 'Median',
  distinctCount: 'Distinct count',
};

/** The measures a report asks for, or null while one still lacks its field. */
export function measuresOf(drafts: MeasureDraft[]): ReportQuery['measures'] | null {
  if (drafts.some((m) => m.fn !== 'count' && !m.field)) return null;
  return drafts.map((m) => ({ fn: m.fn, ...(m.field ? { field: m.field } : {}) }));
}

/** The report's measures, one row each: its function, the field it is of, and a way to remove it. */
export function ReportMeasuresInput({
  meta,
  measures,
  onChange,
}: {
  meta: ObjectMeta | undefined;
  measures: MeasureDraft[];
  onChange: (measures: MeasureDraft[]) => void;
}) {
  const replace = (i: number, next: MeasureDraft) => onChange(measures.map((m, j) => (j === i ? next : m)));
  const full = measures.length >= reportMeasureLimit;
  return (
    <Stack gap="xs" mt="sm" role="group" aria-label="Measures">
      {measures.map((m, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="wrap">
          <Select
            label={`Measure ${i + 1}`}
            data={reportMeasureFunctions.map((fn) => ({ value: fn, label: functionLabels[fn] }))}
            value={m.fn}
            onChange={(fn) => replace(i, { fn: (fn ?? 'count') as MeasureFunction, field: null })}
            allowDeselect={false}
          />
          {m.fn !== 'count' && meta && (
            <Select
              label={`Of (measure ${i + 1})`}
              searchable
              data={measureFields(meta, m.fn)}
              value={m.field}
              onChange={(field) => replace(i, { ...m, field })}
            />
          )}
          {measures.length > 1 && (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={`Remove measure ${i + 1}`}
              onClick={() => onChange(measures.filter((_, j) => j !== i))}
            >
              <IconX size={16} />
            </ActionIcon>
          )}
        </Group>
      ))}
      <Group gap="xs">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          disabled={full}
          onClick={() => onChange([...measures, { fn: 'sum', field: null }])}
        >
          Add measure
        </Button>
        {full && (
          <Text size="xs" c="dimmed">
            A report has at most {reportMeasureLimit} measures.
          </Text>
        )}
      </Group>
    </Stack>
  );
}
