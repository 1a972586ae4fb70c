import '@mantine/charts/styles.css';
import { Alert, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useObjectMeta } from '../../../web/api/metadata';
import { CycleTab } from './CycleTab';
import { MarginTab } from './MarginTab';
import { RevenueTab } from './RevenueTab';

/** What margins and revenue would show to a role from which an admin hides cost prices: why they do not. */
function CostHidden({ what }: { what: string }) {
  return (
    <Alert icon={<IconLock size={16} />} title={`${what} are not shown to your role`} color="gray">
      Margins come from the products' cost prices, and an admin keeps cost prices from your role, so these
      figures are left out rather than shown as zero. Ask an admin if you need them.
    </Alert>
  );
}

/** Orders over time: prospect to payment, margins by deal, account, product and owner, revenue by period. */
export function OrdersAnalysisPage() {
  const products = useObjectMeta('products');
  // A role the cost price is hidden from sees no margin: the API refuses it, so the page says why.
  const seesCost = products?.fields.some((f) => f.name === 'costPrice') ?? false;
  return (
    <Stack gap="md">
      <Title order={1} size="h3">
        Orders analysis
      </Title>
      <Tabs defaultValue="cycle" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="cycle">Prospect to payment</Tabs.Tab>
          <Tabs.Tab value="margin">Margin</Tabs.Tab>
          <Tabs.Tab value="revenue">Revenue</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="cycle" pt="md">
          <CycleTab />
        </Tabs.Panel>
        <Tabs.Panel value="margin" pt="md">
          {!products ? (
            <Text c="dimmed">Loading…</Text>
          ) : seesCost ? (
            <MarginTab />
          ) : (
            <CostHidden what="Margins" />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="revenue" pt="md">
          {!products ? (
            <Text c="dimmed">Loading…</Text>
          ) : seesCost ? (
            <RevenueTab />
          ) : (
            <CostHidden what="Revenue and margin by period" />
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
