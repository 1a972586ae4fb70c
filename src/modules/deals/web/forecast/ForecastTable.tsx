import { Progress, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { Forecast, ForecastAdjustment, ForecastFigures } from '../../contract';
import { formatMoney } from '../../../../web/components/fields/money';
import { ScrollableTable } from './ScrollableTable';

const columns: [keyof Omit<ForecastFigures, 'quota'>, string][] = [
  ['closedWon', 'Closed won'],
  ['commit', 'Commit'],
  ['bestCase', 'Best case'],
  ['pipeline', 'Pipeline'],
  ['weighted', 'Weighted'],
];

/** Closed won against quota as a bar; no bar without a quota. */
function Attainment({ figures }: { figures: ForecastFigures }) {
  if (!figures.quota || Number(figures.quota) === 0)
    return (
      <Text c="dimmed" size="sm">
        No quota
      </Text>
    );
  const share = (Number(figures.closedWon) / Number(figures.quota)) * 100;
  const commit = (Number(figures.commit) / Number(figures.quota)) * 100;
  return (
    <Tooltip label={`Closed won ${share.toFixed(0)}%, commit ${commit.toFixed(0)}% of quota`}>
      <Progress.Root size="lg">
        <Progress.Section
          value={Math.min(share, 100)}
          color="teal"
          aria-label={`Closed won ${share.toFixed(0)}% of quota`}
        />
        <Progress.Section
          value={Math.max(Math.min(commit, 100) - Math.min(share, 100), 0)}
          color="blue.3"
          aria-label={`Commit ${commit.toFixed(0)}% of quota`}
        />
      </Progress.Root>
    </Tooltip>
  );
}

function Adjustments({ list, currency }: { list: ForecastAdjustment[]; currency: string }) {
  if (list.length === 0) return null;
  return (
    <Stack gap={0}>
      {list.map((a) => (
        <Tooltip key={a.id} label={`${a.by.name}, ${a.at.slice(0, 10)}: ${a.reason}`} multiline maw={320}>
          <Text size="xs">
            {a.category}: {formatMoney(a.amount, currency)} ({a.by.name})
          </Text>
        </Tooltip>
      ))}
    </Stack>
  );
}

/** The rollup: a row per owner or team, their figures against quota, and the managers' adjustments. */
export function ForecastTable({ forecast }: { forecast: Forecast }) {
  const money = (v: string | null) => (v === null ? '—' : formatMoney(v, forecast.currency));
  return (
    <ScrollableTable label="Forecast rollup, scrollable" minWidth={900}>
      <Table striped highlightOnHover aria-label="Forecast rollup">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{forecast.groupBy === 'team' ? 'Team' : 'Owner'}</Table.Th>
            <Table.Th ta="right">Quota</Table.Th>
            {columns.map(([key, label]) => (
              <Table.Th key={key} ta="right">
                {label}
              </Table.Th>
            ))}
            <Table.Th miw={140}>Attainment</Table.Th>
            <Table.Th>Adjusted</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {forecast.rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>
                {row.name}
                {row.managers?.length ? (
                  <Text size="xs" c="dimmed">
                    Managed by {row.managers.map((m) => m.name).join(', ')}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right">{money(row.quota)}</Table.Td>
              {columns.map(([key]) => (
                <Table.Td key={key} ta="right">
                  {money(row[key])}
                </Table.Td>
              ))}
              <Table.Td>
                <Attainment figures={row} />
              </Table.Td>
              <Table.Td>
                <Adjustments list={row.adjustments} currency={forecast.currency} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700}>
            <Table.Td>Total</Table.Td>
            <Table.Td ta="right">{money(forecast.totals.quota)}</Table.Td>
            {columns.map(([key]) => (
              <Table.Td key={key} ta="right">
                {money(forecast.totals[key])}
              </Table.Td>
            ))}
            <Table.Td>
              <Attainment figures={forecast.totals} />
            </Table.Td>
            <Table.Td>
              <Adjustments list={forecast.totals.adjustments} currency={forecast.currency} />
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </ScrollableTable>
  );
}
