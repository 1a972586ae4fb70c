import { LineChart } from '@mantine/charts';
import { Modal, Stack, Text } from '@mantine/core';
import type { ScorecardTile } from '../contract';
import { formatMeasure } from './format';

const dayMs = 86_400_000;

/** The plan's value on a day: linear from the baseline at the start to the target at the due date. */
function planned(tile: ScorecardTile, at: string): number | null {
  const o = tile.objective;
  if (!o) return null;
  const start = Date.parse(o.startDate);
  const span = (Date.parse(o.dueDate) - start) / dayMs;
  const elapsed = Math.min(Math.max((Date.parse(at) - start) / dayMs, 0), span);
  return span > 0 ? o.baseline + ((o.target - o.baseline) * elapsed) / span : o.target;
}

/** A measure's trend since go-live against its objective's target line. */
export function ObjectiveProgress({
  tile,
  currency,
  onClose,
}: {
  tile: ScorecardTile | null;
  currency: string;
  onClose: () => void;
}) {
  const data =
    tile?.trend.map((p) => ({
      at: p.at.slice(0, 10),
      Measured: p.value === null ? null : Number(p.value),
      ...(tile.objective ? { Plan: planned(tile, p.at) } : {}),
    })) ?? [];
  return (
    <Modal opened={tile !== null} onClose={onClose} title={tile?.label} size="lg">
      {tile && (
        <Stack>
          <Text size="sm">{tile.objective ? tile.objective.name : 'No objective for this measure yet.'}</Text>
          <LineChart
            h={260}
            data={data}
            dataKey="at"
            connectNulls
            valueFormatter={(v) => formatMeasure(v, tile.unit, currency)}
            series={[
              { name: 'Measured', color: 'indigo.6' },
              ...(tile.objective ? [{ name: 'Plan', color: 'gray.5', strokeDasharray: '5 5' }] : []),
            ]}
            referenceLines={
              tile.objective
                ? [
                    {
                      y: tile.objective.target,
                      label: `Target ${formatMeasure(tile.objective.target, tile.unit, currency)}`,
                      color: 'teal.6',
                    },
                  ]
                : []
            }
          />
        </Stack>
      )}
    </Modal>
  );
}
