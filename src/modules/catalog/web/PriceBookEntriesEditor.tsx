import {
  ActionIcon,
  Button,
  Card,
  Group,
  Select,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, apiRequest } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import { useUpdateRecord } from '../../../web/api/records';
import { useSession } from '../../../web/api/session';
import type { RecordViewProps } from '../../../web/modules';
import { listPrice, type PriceBookEntry } from '../contract';
import { tiersFromText, tiersToText } from './tierText';

interface Row {
  key: number;
  productId: string | null;
  listPrice: string;
  validFrom: string;
  validUntil: string;
  tiers: string;
}

let nextKey = 0;
const rowOf = (e: PriceBookEntry): Row => ({
  key: nextKey++,
  productId: e.productId,
  listPrice: e.listPrice,
  validFrom: e.validFrom ?? '',
  validUntil: e.validUntil ?? '',
  tiers: tiersToText(e.tiers),
});

/** Every product of the catalogue (at most 500), active or not: a book may price a retired one. */
const useCatalogue = () =>
  useQuery({
    queryKey: ['records', 'products', 'catalogue'],
    queryFn: () =>
      apiRequest<{ data: { id: string; sku: string; name: string }[] }>('/products?limit=500&sort=name').then(
        (r) => r.data,
      ),
  });

/**
 * A price book's list prices in one place: per product its price, the days it is valid and its volume
 * tiers, saved together. Quotes created afterwards use them; quotes already sent keep their prices.
 */
export function PriceBookEntriesEditor({ record }: RecordViewProps) {
  const session = useSession();
  const admin = session?.user.role === 'admin';
  const products = useCatalogue();
  const update = useUpdateRecord('priceBooks');
  const [rows, setRows] = useState<Row[]>([]);
  // By `<row key>.<field>`: what is checked here (the contract's price rule, tiers) and the server's errors (`entries.3.listPrice`).
  const [errors, setErrors] = useState<Record<string, string>>({});
  const entries = record.entries as PriceBookEntry[] | null;
  useEffect(() => setRows((entries ?? []).map(rowOf)), [entries, record.version]);
  const change = (key: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const options = (products.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.sku})` }));
  const nameOf = (id: string | null, i: number) =>
    options.find((o) => o.value === id)?.label ?? `line ${i + 1}`;

  const save = () => {
    const found: Record<string, string> = {};
    const built = rows.map((r) => {
      const tiers = tiersFromText(r.tiers);
      if ('error' in tiers) found[`${r.key}.tiers`] = tiers.error;
      const price = listPrice.safeParse(r.listPrice);
      if (!price.success) found[`${r.key}.listPrice`] = price.error.issues[0].message;
      if (!r.productId) found[`${r.key}.productId`] = 'choose a product';
      return {
        productId: r.productId,
        listPrice: r.listPrice.trim(),
        validFrom: r.validFrom || null,
        validUntil: r.validUntil || null,
        ...('tiers' in tiers && tiers.tiers.length ? { tiers: tiers.tiers } : {}),
      };
    });
    setErrors(found);
    if (Object.keys(found).length) return;
    update
      .mutateAsync({ id: record.id, version: record.version, changes: { entries: built } })
      .then(() => notifications.show({ color: 'green', message: 'Prices saved' }))
      .catch((error: unknown) => {
        const byPath = /^entries\.(\d+)\.(\w+)/;
        for (const e of error instanceof ApiError ? error.fieldErrors : []) {
          const [, index, field] = byPath.exec(e.path) ?? [];
          if (index !== undefined && rows[Number(index)])
            found[`${rows[Number(index)].key}.${field}`] = e.message;
        }
        setErrors(found);
        notifyFailure(error, 'The prices were not saved');
      });
  };

  return (
    <Card withBorder padding="md">
      <Title order={2} size="h5" mb="xs">
        List prices ({String(record.currency)})
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th>List price</Table.Th>
            <Table.Th>Valid from</Table.Th>
            <Table.Th>Valid until</Table.Th>
            <Table.Th>Volume tiers (quantity: price; …)</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => {
            const name = nameOf(r.productId, i);
            return (
              <Table.Tr key={r.key}>
                <Table.Td miw={220}>
                  <Select
                    aria-label={`Product of price ${i + 1}`}
                    data={options}
                    value={r.productId}
                    error={errors[`${r.key}.productId`]}
                    onChange={(productId) => change(r.key, { productId })}
                    searchable
                    disabled={!admin}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`List price of ${name}`}
                    value={r.listPrice}
                    error={errors[`${r.key}.listPrice`]}
                    onChange={(e) => change(r.key, { listPrice: e.currentTarget.value })}
                    inputMode="decimal"
                    w={110}
                    disabled={!admin}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Valid from, ${name}`}
                    type="date"
                    value={r.validFrom}
                    onChange={(e) => change(r.key, { validFrom: e.currentTarget.value })}
                    disabled={!admin}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Valid until, ${name}`}
                    type="date"
                    value={r.validUntil}
                    error={errors[`${r.key}.validUntil`]}
                    onChange={(e) => change(r.key, { validUntil: e.currentTarget.value })}
                    disabled={!admin}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Volume tiers of ${name}`}
                    placeholder="100: 17.50; 500: 15.00"
                    value={r.tiers}
                    error={errors[`${r.key}.tiers`]}
                    onChange={(e) => change(r.key, { tiers: e.currentTarget.value })}
                    disabled={!admin}
                  />
                </Table.Td>
                <Table.Td>
                  {admin && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove the price of ${name}`}
                      onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No prices yet.
        </Text>
      )}
      {admin ? (
        <Group gap="xs" mt="sm">
          <Button
            variant="light"
            onClick={() =>
              setRows((all) => [
                ...all,
                { key: nextKey++, productId: null, listPrice: '', validFrom: '', validUntil: '', tiers: '' },
              ])
            }
          >
            Add a price
          </Button>
          <Button onClick={save} loading={update.isPending}>
            Save prices
          </Button>
        </Group>
      ) : (
        <Text size="sm" c="dimmed" mt="sm">
          Only admins change prices.
        </Text>
      )}
    </Card>
  );
}
