import { Button, Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { notifyFailure } from '../../../../web/api/notify';
import { fiscalQuarter, quarterKey } from './periods';
import { useSaveForecastSettings } from './settingsApi';

export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** How a start month names quarters, in words: "With April, 2026-Q1 is April–June 2026." */
function namingExample(startMonth: number, today: Date): string {
  const year = fiscalQuarter(today, startMonth).year;
  const last = (startMonth + 1) % 12;
  const lastYear = startMonth + 2 > 12 ? year + 1 : year;
  return `${year}-Q1 is ${monthNames[startMonth - 1]}–${monthNames[last]} ${lastYear}; today is in ${quarterKey(fiscalQuarter(today, startMonth))}.`;
}

/** The month the workspace's fiscal year starts in, which names its quarters. */
export function FiscalYearForm({ startMonth }: { startMonth: number }) {
  const save = useSaveForecastSettings();
  const [month, setMonth] = useState(String(startMonth));
  useEffect(() => setMonth(String(startMonth)), [startMonth]);
  const today = new Date();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    save.mutate(
      { fiscalYearStartMonth: Number(month) },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: 'green',
            message: `The fiscal year starts in ${monthNames[saved.fiscalYearStartMonth - 1]}: this quarter is ${quarterKey(fiscalQuarter(today, saved.fiscalYearStartMonth))}`,
          }),
        onError: (error) => notifyFailure(error, 'The fiscal year was not saved'),
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label="Fiscal year">
      <Group align="flex-end" wrap="wrap">
        <Select
          label="Fiscal year starts in"
          data={monthNames.map((name, i) => ({ value: String(i + 1), label: name }))}
          value={month}
          onChange={(v) => setMonth(v ?? month)}
          allowDeselect={false}
          w={200}
        />
        <Button type="submit" loading={save.isPending} disabled={Number(month) === startMonth}>
          Save fiscal year
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mt="xs">
        A fiscal year is named by the calendar year it starts in. With {monthNames[Number(month) - 1]},{' '}
        {namingExample(Number(month), today)}
      </Text>
    </form>
  );
}
