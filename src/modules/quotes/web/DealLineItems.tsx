import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiRequest } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import { useCreateRecord, useRecordPages } from '../../../web/api/records';
import type { RecordViewProps } from '../../../web/modules';
import { useActiveProducts } from './api';

/** Products on the deal, priced from the standard book of its currency; the deal amount follows them. */
export function DealLineItems({ record }: RecordViewProps) {
  const state = useMemo(
    () => ({ filter: { field: 'dealId', op: 'eq' as const, value: record.id }, sort: 'createdAt' }),
    [record.id],
  );
  const items = useRecordPages('dealLineItems', state);
  const products = useActiveProducts();
  const create = useCreateRecord('dealLineItems');
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => apiRequest(`/dealLineItems/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['records'] }),
  });
  const [productId, setProductId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number>(1);
  const [discount, setDiscount] = useState<number>(0);
  const names = new Map((products.data ?? []).map((p) => [p.id, p.name]));
  const list = items.data?.pages[0]?.data ?? [];
  const add = () =>
    create
      .mutateAsync({ dealId: record.id, productId, quantity, discountPercent: discount })
      .then(() => setProductId(null))
      .catch((error: unknown) => notifyFailure(error, 'The product was not added'));
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h5" mb="xs">
        Line items
      </Title>
      <Stack gap="xs">
        {list.length === 0 && (
          <Text size="sm" c="dimmed">
            No products on this deal; its amount is typed in.
          </Text>
        )}
        {list.length > 0 && (
          <Table aria-label="Line items of the deal">
            <Table.Tbody>
              {list.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{names.get(String(item.productId)) ?? String(item.productId)}</Table.Td>
                  <Table.Td>
                    {String(item.quantity)} × {String(item.unitPrice)}
                    {item.discountPercent ? ` −${String(item.discountPercent)}%` : ''}
                  </Table.Td>
                  <Table.Td ta="right">{String(item.net)}</Table.Td>
                  <Table.Td w={40}>
                    <ActionIcon
                      variant="subtle"
                      aria-label="Remove the line item"
                      onClick={() =>
                        remove.mutateAsync(item.id).catch((e: unknown) => notifyFailure(e, 'Not removed'))
                      }
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="flex-end" gap="xs">
          <Select
            label="Product"
            data={(products.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.sku})` }))}
            value={productId}
            onChange={setProductId}
            searchable
            w={220}
          />
          <NumberInput
            label="Quantity"
            value={quantity}
            min={0}
            onChange={(v) => setQuantity(Number(v) || 0)}
            w={90}
          />
          <NumberInput
            label="Discount %"
            value={discount}
            min={0}
            max={100}
            onChange={(v) => setDiscount(Number(v) || 0)}
            w={100}
          />
          <Button onClick={add} disabled={!productId} loading={create.isPending}>
            Add
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
