import { Select } from '@mantine/core';
import { useMemo, useState } from 'react';
import { periodChoices } from './periods';

type PeriodChoices = ReturnType<typeof periodChoices>;

/**
 * The periods offered (fiscal quarters around today, then months) and the one picked: the current
 * quarter until another is picked, and again when the fiscal year changes under a pick it no longer offers.
 */
export function usePeriod(startMonth: number) {
  const choices = useMemo(() => periodChoices(new Date(), startMonth), [startMonth]);
  const [picked, setPicked] = useState<string | null>(null);
  const period =
    picked && [...choices.quarters, ...choices.months].includes(picked) ? picked : choices.current;
  return { choices, period, setPicked };
}

export function PeriodSelect({
  label,
  choices,
  value,
  onChange,
  w,
}: {
  label: string;
  choices: PeriodChoices;
  value: string;
  onChange: (period: string | null) => void;
  w: number;
}) {
  return (
    <Select
      label={label}
      data={[
        { group: 'Quarters', items: choices.quarters },
        { group: 'Months', items: choices.months },
      ]}
      value={value}
      onChange={onChange}
      allowDeselect={false}
      w={w}
    />
  );
}
