import { ActionIcon, Button, Group, NumberInput, Select, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { CatalogProduct } from './api';

/** A line as the editor holds it: the inputs only; amounts come from quoteTotals. */
export interface EditedLine {
  productId: string;
  description?: string;
  quantity: number;
  unitPrice?: string;
  discountPercent: string;
  taxRate?: string;
}

interface Props {
  lines: EditedLine[];
  products: CatalogProduct[];
  listPrices: (string | null)[];
  lineTotals: string[];
  readOnly: boolean;
  onChange: (lines: EditedLine[]) => void;
}

/** The quote's lines: product, quantity, price (the list price unless given), discount and tax per line. */
export function QuoteLinesEditor({ lines, products, listPrices, lineTotals, readOnly, onChange }: Props) {
  const set = (i: number, change: Partial<EditedLine>) =>
    onChange(lines.map((l, j) => (j === i ? { ...l, ...change } : l)));
  const options = products.map((p) => ({ value: p.id, label: `${p.name} (${p.sku})` }));
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing={4} aria-label="Quote lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th w={90}>Quantity</Table.Th>
              <Table.Th w={110}>Unit price</Table.Th>
              <Table.Th w={90}>Discount %</Table.Th>
              <Table.Th w={80}>Tax %</Table.Th>
              <Table.Th w={110} ta="right">
                Amount
              </Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <Select
                    aria-label={`Product of line ${i + 1}`}
                    data={options}
                    value={line.productId || null}
                    searchable
                    disabled={readOnly}
                    onChange={(value) => set(i, { productId: value ?? '', unitPrice: undefined })}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`Quantity of line ${i + 1}`}
                    value={line.quantity}
                    min={0}
                    disabled={readOnly}
                    onChange={(value) => set(i, { quantity: Number(value) || 0 })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Unit price of line ${i + 1}`}
                    value={line.unitPrice ?? ''}
                    placeholder={listPrices[i] ?? ''}
                    disabled={readOnly}
                    onChange={(e) => set(i, { unitPrice: e.currentTarget.value.trim() || undefined })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Discount of line ${i + 1}`}
                    value={line.discountPercent}
                    disabled={readOnly}
                    onChange={(e) => set(i, { discountPercent: e.currentTarget.value.trim() || '0' })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Tax rate of line ${i + 1}`}
                    value={line.taxRate ?? ''}
                    disabled={readOnly}
                    onChange={(e) => set(i, { taxRate: e.currentTarget.value.trim() || undefined })}
                  />
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{lineTotals[i] ?? ''}</Text>
                </Table.Td>
                <Table.Td>
                  {!readOnly && (
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Remove line ${i + 1}`}
                      onClick={() => onChange(lines.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!readOnly && (
        <Group>
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange([...lines, { productId: '', quantity: 1, discountPercent: '0' }])}
          >
            Add line
          </Button>
        </Group>
      )}
    </>
  );
}
