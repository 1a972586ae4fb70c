import { Alert, Anchor, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useSession } from '../../../../web/api/session';
import { useForecastSettings } from './api';
import { ExchangeRatesPanel } from './ExchangeRatesPanel';
import { FiscalYearForm } from './FiscalYearForm';
import { QuotaTable } from './QuotaTable';

/** Admins set what the forecast is measured by: the fiscal year, quotas and exchange rates. */
export function ForecastSettingsPage() {
  const session = useSession();
  const settings = useForecastSettings();
  if (session?.user.role !== 'admin')
    return <Alert color="yellow">Only workspace admins can change forecast settings.</Alert>;
  if (settings.isLoading || !settings.data) return <Skeleton h={400} />;
  const start = settings.data.fiscalYearStartMonth;
  const base = session.workspace.baseCurrency;
  return (
    <Stack maw={960}>
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h3">
          Forecast settings
        </Title>
        <Anchor renderRoot={(props) => <Link {...props} to="/forecast" />} size="sm">
          Open the forecast
        </Anchor>
      </Group>
      <Paper withBorder p="sm" component="section" aria-labelledby="fiscal-year-heading">
        <Title order={2} size="h5" mb="xs" id="fiscal-year-heading">
          Fiscal year
        </Title>
        <FiscalYearForm startMonth={start} />
      </Paper>
      <Paper withBorder p="sm" component="section" aria-labelledby="quotas-heading">
        <Stack gap="xs">
          <Title order={2} size="h5" id="quotas-heading">
            Quotas
          </Title>
          <QuotaTable startMonth={start} currency={base} />
        </Stack>
      </Paper>
      <Paper withBorder p="sm" component="section" aria-labelledby="rates-heading">
        <Stack gap="xs">
          <Title order={2} size="h5" id="rates-heading">
            Exchange rates
          </Title>
          <Text size="sm">
            Into {base}, the workspace's base currency. The same currency and day again replaces that day's
            rate.
          </Text>
          <ExchangeRatesPanel base={base} />
        </Stack>
      </Paper>
    </Stack>
  );
}
