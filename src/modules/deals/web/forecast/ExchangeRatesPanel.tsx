import { Alert, Button, Group, Select, Skeleton, Switch, Table, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { ApiError, fieldErrorMap } from '../../../../web/api/http';
import { notifyFailure } from '../../../../web/api/notify';
import { StackingTable } from '../../../../web/components/StackingTable';
import type { ExchangeRate } from '../../contract';
import { useAddExchangeRate, useExchangeRates, useRemoveExchangeRate } from './settingsApi';

const today = () => new Date().toISOString().slice(0, 10);

/** A rate as stored (numeric with ten decimals) without its trailing zeros, kept as text: 0.9312000000 → 0.9312. */
const shortRate = (rate: string) => (rate.includes('.') ? rate.replace(/\.?0+$/, '') : rate);

/** A dated rate into the base currency; the same currency and day again replaces that day's rate. */
function AddRateForm({ base }: { base: string }) {
  const add = useAddExchangeRate();
  const currencies = useMemo(() => Intl.supportedValuesOf('currency').filter((c) => c !== base), [base]);
  const [currency, setCurrency] = useState<string | null>(null);
  const [rate, setRate] = useState('');
  const [validFrom, setValidFrom] = useState(today);
  const errors = fieldErrorMap(add.error);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    add.mutate(
      { currency: currency ?? '', rate: rate.trim(), validFrom },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: `1 ${saved.currency} = ${shortRate(saved.rate)} ${saved.baseCurrency} from ${saved.validFrom}`,
          });
          setRate('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label="Add an exchange rate">
      <Group align="flex-end" wrap="wrap">
        <Select
          label="Currency"
          data={currencies}
          value={currency}
          onChange={setCurrency}
          searchable
          required
          error={errors.currency}
          w={120}
        />
        <TextInput
          label={`Rate (in ${base})`}
          description={`What 1 ${currency ?? 'unit'} is worth`}
          inputMode="decimal"
          placeholder="1.0825"
          required
          value={rate}
          onChange={(e) => setRate(e.currentTarget.value)}
          error={errors.rate}
          w={160}
        />
        <TextInput
          label="From"
          description="First day it applies"
          type="date"
          required
          value={validFrom}
          onChange={(e) => setValidFrom(e.currentTarget.value)}
          error={errors.validFrom}
          w={170}
        />
        <Button type="submit" loading={add.isPending}>
          Add rate
        </Button>
      </Group>
      {add.error && !Object.keys(errors).length ? (
        <Alert color="red" mt="xs">
          {add.error instanceof ApiError ? add.error.message : 'The rate was not added.'}
        </Alert>
      ) : null}
    </form>
  );
}

/** Rates newest first per currency; earlier rates folded away unless asked for. */
function RateTable({ rates, showEarlier }: { rates: ExchangeRate[]; showEarlier: boolean }) {
  const remove = useRemoveExchangeRate();
  const shown = showEarlier ? rates : rates.filter((r, i) => i === 0 || rates[i - 1].currency !== r.currency);
  return (
    <StackingTable aria-label="Exchange rates" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Currency</Table.Th>
          <Table.Th>Rate</Table.Th>
          <Table.Th>From</Table.Th>
          <Table.Th>
            <Text span size="sm" fw={600}>
              Actions
            </Text>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {shown.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>{r.currency}</Table.Td>
            <Table.Td>
              1 {r.currency} = {shortRate(r.rate)} {r.baseCurrency}
            </Table.Td>
            <Table.Td>{r.validFrom}</Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="default"
                aria-label={`Remove the ${r.currency} rate from ${r.validFrom}`}
                loading={remove.isPending && remove.variables === r.id}
                onClick={() =>
                  modals.openConfirmModal({
                    title: `Remove the ${r.currency} rate from ${r.validFrom}?`,
                    children: (
                      <Text size="sm">
                        Deals closing from that day are converted at the rate before it, or left out of totals
                        in {r.baseCurrency} where there is none. Removing it cannot be undone; add it again to
                        restore it.
                      </Text>
                    ),
                    labels: { confirm: 'Remove the rate', cancel: 'Keep it' },
                    confirmProps: { color: 'red.9' },
                    onConfirm: () =>
                      remove.mutate(r.id, {
                        onSuccess: () =>
                          notifications.show({
                            message: `The ${r.currency} rate from ${r.validFrom} was removed`,
                          }),
                        onError: (error) => notifyFailure(error, 'The rate was not removed'),
                      }),
                  })
                }
              >
                Remove
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </StackingTable>
  );
}

/** Exchange rates into the base currency: deals convert at the rate in force on their close date. */
export function ExchangeRatesPanel({ base }: { base: string }) {
  const rates = useExchangeRates();
  const [showEarlier, setShowEarlier] = useState(false);
  return (
    <>
      <Text size="sm" c="dimmed">
        Deals in another currency count in {base} at the rate in force on their close date; a deal with no
        rate for its day is left out of the forecast.
      </Text>
      <AddRateForm base={base} />
      {rates.isLoading ? <Skeleton h={120} /> : null}
      {rates.data?.length === 0 ? <Text size="sm">No exchange rates yet.</Text> : null}
      {rates.data?.length ? (
        <>
          <Switch
            label="Show earlier rates"
            checked={showEarlier}
            onChange={(e) => setShowEarlier(e.currentTarget.checked)}
          />
          <RateTable rates={rates.data} showEarlier={showEarlier} />
        </>
      ) : null}
    </>
  );
}
