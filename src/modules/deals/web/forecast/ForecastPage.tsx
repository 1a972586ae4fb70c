import { Alert, Anchor, Group, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../../../../web/api/http';
import { useSession } from '../../../../web/api/session';
import type { ForecastGrouping } from '../../contract';
import { AccuracyChart } from './AccuracyChart';
import { AdjustmentForm } from './AdjustmentForm';
import { useForecast, useForecastSettings } from './api';
import { ForecastTable } from './ForecastTable';
import { PeriodSelect, usePeriod } from './PeriodSelect';
import { earlierPeriods } from './periods';
import { StatisticalPanel } from './StatisticalPanel';

/** The forecast of a period: the rollup against quota, adjustments, past accuracy and the statistical view. */
export function ForecastPage() {
  const settings = useForecastSettings();
  const session = useSession();
  const { choices, period, setPicked } = usePeriod(settings.data?.fiscalYearStartMonth ?? 1);
  const [groupBy, setGroupBy] = useState<ForecastGrouping>('owner');
  const forecast = useForecast(period, groupBy);
  const canAdjust = session?.user.role === 'admin' || session?.user.role === 'manager';
  const isAdmin = session?.user.role === 'admin';

  if (settings.isLoading) return <Skeleton h={400} />;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h3">
          Forecast
        </Title>
        <Group align="flex-end">
          <PeriodSelect label="Period" choices={choices} value={period} onChange={setPicked} w={140} />
          <SegmentedControl
            aria-label="Group by"
            value={groupBy}
            onChange={(v) => setGroupBy(v as ForecastGrouping)}
            data={[
              { value: 'owner', label: 'By owner' },
              { value: 'team', label: 'By team' },
            ]}
          />
          {isAdmin ? (
            <Anchor renderRoot={(props) => <Link {...props} to="/settings/forecast" />} size="sm" pb={8}>
              Quotas, fiscal year and rates
            </Anchor>
          ) : null}
        </Group>
      </Group>
      {forecast.isLoading ? <Skeleton h={240} /> : null}
      {forecast.error instanceof ApiError && forecast.error.status === 403 ? (
        // The forecast is all sums of deal amounts: a role they are hidden from is told why it has none.
        <Alert color="yellow">{forecast.error.message}</Alert>
      ) : forecast.error ? (
        <Alert color="red">The forecast could not be loaded.</Alert>
      ) : null}
      {forecast.data ? (
        <>
          <Text size="sm" c="dimmed">
            {forecast.data.start} to {forecast.data.end} (exclusive), in {forecast.data.currency}. Commit
            includes closed won; best case includes commit; pipeline is every open deal; weighted is open
            deals × probability.
            {forecast.data.unconvertedDeals
              ? ` ${forecast.data.unconvertedDeals} deals have no exchange rate and are left out.`
              : ''}
          </Text>
          <ForecastTable forecast={forecast.data} />
          {canAdjust ? <AdjustmentForm forecast={forecast.data} /> : null}
          <Paper withBorder p="sm">
            <Title order={2} size="h5" mb="xs">
              Accuracy of past periods
            </Title>
            <AccuracyChart periods={earlierPeriods(period, 4)} currency={forecast.data.currency} />
          </Paper>
        </>
      ) : null}
      <Paper withBorder p="sm">
        <Title order={2} size="h5" mb="xs">
          Statistical forecast
        </Title>
        <StatisticalPanel period={period} />
      </Paper>
    </Stack>
  );
}
