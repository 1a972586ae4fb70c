import { Button, Group, Skeleton, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { ApiError, fieldErrorMap } from '../../../../web/api/http';
import { useWorkspaceTeams, useWorkspaceUsers } from '../../../../web/api/users';
import { StackingTable } from '../../../../web/components/StackingTable';
import { formatMoney } from '../../../../web/components/fields/money';
import type { Quota } from '../../contract';
import { PeriodSelect, usePeriod } from './PeriodSelect';
import { useQuotas, useRemoveQuota, useSetQuota } from './settingsApi';

interface Subject {
  kind: 'team' | 'owner';
  id: string;
  name: string;
}

/** The server's words for a refused quota: the amount's own message when it has one. */
function problemText(error: unknown): string | undefined {
  if (!error) return undefined;
  const fields = fieldErrorMap(error);
  if (fields.amount) return `Amount ${fields.amount}`;
  return error instanceof ApiError ? error.message : 'The quota was not saved';
}

function QuotaRow({
  subject,
  period,
  quota,
  currency,
}: {
  subject: Subject;
  period: string;
  quota: Quota | undefined;
  currency: string;
}) {
  const set = useSetQuota();
  const remove = useRemoveQuota();
  const [amount, setAmount] = useState(quota?.amount ?? '');
  useEffect(() => setAmount(quota?.amount ?? ''), [quota?.amount]);
  const changed = amount.trim() !== (quota?.amount ?? '');
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    remove.reset();
    set.mutate(
      {
        period,
        amount: amount.trim(),
        ...(subject.kind === 'owner' ? { ownerId: subject.id } : { teamId: subject.id }),
      },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: 'green',
            message: `${subject.name}'s quota for ${period} is ${formatMoney(saved.amount, saved.currency)}`,
          }),
      },
    );
  };
  const form = `quota-${subject.id}`;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={subject.kind === 'team' ? 600 : undefined}>
          {subject.name}
        </Text>
      </Table.Td>
      <Table.Td>{subject.kind === 'team' ? 'Team' : 'User'}</Table.Td>
      <Table.Td>
        <form id={form} onSubmit={save} aria-label={`Quota of ${subject.name}`}>
          <TextInput
            aria-label={`Quota of ${subject.name} (${currency})`}
            placeholder="No quota"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={problemText(set.error ?? remove.error)}
            w={180}
          />
        </form>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button
            type="submit"
            form={form}
            size="xs"
            disabled={!changed || amount.trim() === ''}
            loading={set.isPending}
            aria-label={`Save the quota of ${subject.name}`}
          >
            Save
          </Button>
          {quota ? (
            <Button
              size="xs"
              variant="default"
              loading={remove.isPending}
              aria-label={`Remove the quota of ${subject.name}`}
              onClick={() => {
                set.reset();
                remove.mutate(quota.id, {
                  onSuccess: () =>
                    notifications.show({ message: `${subject.name}'s quota for ${period} was removed` }),
                });
              }}
            >
              Remove
            </Button>
          ) : null}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Quotas of a period for every team and active user, in the base currency, each saved on its own. */
export function QuotaTable({ startMonth, currency }: { startMonth: number; currency: string }) {
  const { choices, period, setPicked } = usePeriod(startMonth);
  const quotas = useQuotas(period);
  const users = useWorkspaceUsers();
  const teams = useWorkspaceTeams();
  const subjects: Subject[] = [
    ...teams.map((t) => ({ kind: 'team' as const, id: t.id, name: t.name })),
    ...users
      .filter((u) => !u.disabled)
      .map((u) => ({ kind: 'owner' as const, id: u.id, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  ];
  const quotaOf = (s: Subject) =>
    quotas.data?.find((q) => (s.kind === 'team' ? q.teamId : q.ownerId) === s.id);
  return (
    <>
      <PeriodSelect label="Quota period" choices={choices} value={period} onChange={setPicked} w={160} />
      <Text size="sm" c="dimmed">
        Amounts in {currency}. A quarter without a quota counts the sum of its months' quotas; a team without
        one, the sum of its members'.
      </Text>
      {quotas.isLoading ? (
        <Skeleton h={200} />
      ) : (
        <StackingTable aria-label={`Quotas for ${period}`} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Quota ({currency})</Table.Th>
              <Table.Th>
                <Text span size="sm" fw={600}>
                  Actions
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {subjects.map((s) => (
              <QuotaRow
                key={`${period}-${s.id}`}
                subject={s}
                period={period}
                quota={quotaOf(s)}
                currency={currency}
              />
            ))}
          </Table.Tbody>
        </StackingTable>
      )}
    </>
  );
}
