import { Alert, Anchor, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import { useUpdateRecord } from '../../../web/api/records';
import type { RecordViewProps } from '../../../web/modules';
import { minorUnitDigits } from '../../deals/contract';
import { quoteStatusLabels, type QuoteLine, type QuoteStatus } from '../contract';
import { useActiveProducts, usePriceBookEntries, useQuoteSettings } from './api';
import { liveTotals } from './liveTotals';
import { QuoteActions } from './QuoteActions';
import { QuoteLinesEditor, type EditedLine } from './QuoteLinesEditor';

const edited = (lines: QuoteLine[]): EditedLine[] =>
  lines.map((l) => ({
    productId: l.productId,
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPercent: l.discountPercent,
    taxRate: l.taxRate,
  }));

/** The quote builder: its lines with live totals (computed as the server will), then its status actions. */
export function QuoteBuilder({ record }: RecordViewProps) {
  const status = record.status as QuoteStatus;
  const currency = String(record.currency ?? 'EUR');
  const [lines, setLines] = useState<EditedLine[]>(() => edited((record.lines ?? []) as QuoteLine[]));
  const [overall, setOverall] = useState(String(record.overallDiscountPercent ?? '0'));
  useEffect(() => {
    setLines(edited((record.lines ?? []) as QuoteLine[]));
    setOverall(String(record.overallDiscountPercent ?? '0'));
  }, [record.version, record.lines, record.overallDiscountPercent]);
  const products = useActiveProducts();
  const entries = usePriceBookEntries((record.priceBookId as string | null) ?? null);
  const settings = useQuoteSettings();
  const update = useUpdateRecord('quotes');
  const live = useMemo(
    () =>
      liveTotals(
        lines,
        overall,
        products.data ?? [],
        entries.data ?? [],
        settings.data,
        minorUnitDigits(currency),
      ),
    [lines, overall, products.data, entries.data, settings.data, currency],
  );
  const readOnly = status !== 'draft';
  const save = () =>
    update
      .mutateAsync({
        id: record.id,
        version: record.version,
        changes: { lines: lines.filter((l) => l.productId), overallDiscountPercent: Number(overall) || 0 },
      })
      .catch((error: unknown) => notifyFailure(error, 'The lines were not saved'));
  const figure = (label: string, value: string, strong = false) => (
    <Group justify="space-between" w={260}>
      <Text size="sm">{label}</Text>
      <Text size="sm" fw={strong ? 700 : 400} data-testid={`quote-${label.toLowerCase()}`}>
        {value} {currency}
      </Text>
    </Group>
  );
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5">
            Lines · {quoteStatusLabels[status]}
          </Title>
          <Anchor href={`/api/v1/quotes/${record.id}/pdf`} target="_blank" size="sm">
            Open the PDF
          </Anchor>
        </Group>
        {readOnly && (
          <Alert color="gray" p="xs">
            Only a draft&apos;s lines can change: move it back to draft or revise it.
          </Alert>
        )}
        <QuoteLinesEditor
          lines={lines}
          products={products.data ?? []}
          listPrices={live.listPrices}
          lineTotals={live.totals.lines.map((l) => l.total)}
          readOnly={readOnly}
          onChange={setLines}
        />
        <Group justify="space-between" align="flex-end">
          <TextInput
            label="Overall discount %"
            w={160}
            value={overall}
            disabled={readOnly}
            onChange={(e) => setOverall(e.currentTarget.value.trim())}
          />
          <Stack gap={2}>
            {figure('Subtotal', live.totals.subtotal)}
            {figure('Discounts', live.totals.discountTotal)}
            {figure('Tax', live.totals.taxTotal)}
            {figure('Total', live.totals.total, true)}
          </Stack>
        </Group>
        {!readOnly && (
          <Group>
            <Button onClick={save} loading={update.isPending}>
              Save lines
            </Button>
          </Group>
        )}
        <QuoteActions record={record} />
        <QuotePdfPreview id={record.id} version={record.version} />
      </Stack>
    </Card>
  );
}

/**
 * The PDF as the customer gets it, in the page (a same-origin frame: the Content-Security-Policy's
 * frame-src falls back to 'self'). The version in the address reloads it after every saved change.
 */
function QuotePdfPreview({ id, version }: { id: string; version: number }) {
  const [shown, setShown] = useState(true);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h6">
          PDF preview
        </Title>
        <Button size="compact-xs" variant="subtle" onClick={() => setShown((s) => !s)}>
          {shown ? 'Hide the preview' : 'Show the preview'}
        </Button>
      </Group>
      {shown && (
        <iframe
          src={`/api/v1/quotes/${id}/pdf?version=${version}`}
          title="PDF preview of the quote"
          style={{ width: '100%', height: 640, border: '1px solid var(--mantine-color-default-border)' }}
        />
      )}
    </Stack>
  );
}
