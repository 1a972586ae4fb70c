import { Alert, Button, Group, NumberInput, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldErrorMap } from '../../../../web/api/http';
import type { Forecast } from '../../contract';
import { useAdjustForecast } from './api';

const categories = [
  { value: 'commit', label: 'Commit' },
  { value: 'bestCase', label: 'Best case' },
  { value: 'closedWon', label: 'Closed won' },
  { value: 'pipeline', label: 'Pipeline' },
];

/** A manager's call on a row of the forecast: the figure they stand behind, and why. */
export function AdjustmentForm({ forecast }: { forecast: Forecast }) {
  const adjust = useAdjustForecast();
  const [key, setKey] = useState<string | null>('total');
  const [category, setCategory] = useState<string | null>('commit');
  const [amount, setAmount] = useState<string | number>('');
  const [reason, setReason] = useState('');
  const errors = adjust.error ? fieldErrorMap(adjust.error) : {};
  const rows = [
    { value: 'total', label: 'Total' },
    ...forecast.rows.map((r) => ({ value: r.key, label: r.name })),
  ];
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    adjust.mutate(
      {
        period: forecast.period,
        groupBy: forecast.groupBy,
        key: key ?? 'total',
        category: (category ?? 'commit') as 'commit',
        amount: String(amount),
        reason,
      },
      { onSuccess: () => (setAmount(''), setReason('')) },
    );
  };
  return (
    <form onSubmit={submit} aria-label="Adjust the forecast">
      <Group align="flex-end" wrap="wrap">
        <Select label="Row" data={rows} value={key} onChange={setKey} allowDeselect={false} w={200} />
        <Select
          label="Figure"
          data={categories}
          value={category}
          onChange={setCategory}
          allowDeselect={false}
          w={140}
        />
        <NumberInput
          label={`Amount (${forecast.currency})`}
          value={amount}
          onChange={setAmount}
          min={0}
          decimalScale={2}
          error={errors.amount}
          w={160}
        />
        <TextInput
          label="Why"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          w={320}
        />
        <Button type="submit" loading={adjust.isPending}>
          Adjust
        </Button>
      </Group>
      {adjust.error && !Object.keys(errors).length ? (
        <Alert color="red" mt="xs">
          The adjustment was refused.
        </Alert>
      ) : null}
    </form>
  );
}
