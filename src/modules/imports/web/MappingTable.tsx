import { Select, Table, Text } from '@mantine/core';
import type { ObjectMeta } from '../../../common/metadata';
import { editableFields, useObjectMeta } from '../../../web/api/metadata';
import type { ImportMapping, ImportPreview } from '../contract';

const importable = (type: string) => !['address', 'link', 'links', 'json'].includes(type);

/** A deal's fields a contacts file may give; its account and contacts come from the row. */
const dealFields = (deals: ObjectMeta) =>
  editableFields(deals).filter((f) => importable(f.type) && !['accountId', 'contacts'].includes(f.name));

/**
 * The fields a column may go to: the object's own, its account's as `account.<field>`, and for contacts
 * their deal's as `deal.<field>` (with the contact's role in it).
 */
function targets(meta: ObjectMeta, accounts: ObjectMeta | undefined, deals: ObjectMeta | undefined) {
  const own = editableFields(meta)
    .filter((f) => importable(f.type))
    .map((f) => ({ value: f.name, label: f.label }));
  const hasAccount = meta.fields.some((f) => f.name === 'accountId' && f.reference === 'accounts');
  const theirs =
    hasAccount && accounts
      ? editableFields(accounts)
          .filter((f) => importable(f.type))
          .map((f) => ({ value: `account.${f.name}`, label: `Account: ${f.label}` }))
      : [];
  const deal =
    meta.name === 'contacts' && deals
      ? [
          ...dealFields(deals).map((f) => ({ value: `deal.${f.name}`, label: `Deal: ${f.label}` })),
          { value: 'deal.role', label: "Deal: the contact's role" },
        ]
      : [];
  return [
    { group: meta.labelPlural, items: own },
    ...(theirs.length ? [{ group: 'Account (found or created)', items: theirs }] : []),
    ...(deal.length ? [{ group: 'Deal (found by name in the account, or created)', items: deal }] : []),
  ];
}

/** One row per column of the file: its header, a sample value, and the field it goes to (or none). */
export function MappingTable({
  meta,
  preview,
  mapping,
  onChange,
}: {
  meta: ObjectMeta;
  preview: ImportPreview;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}) {
  const accounts = useObjectMeta('accounts');
  const deals = useObjectMeta('deals');
  const data = targets(meta, accounts, deals);
  const sample = (header: string) => {
    const field = mapping[header];
    const row = preview.rows.find((r) => field && r.values[field] !== undefined);
    return row && field ? String(row.values[field]) : '';
  };
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Column in the file</Table.Th>
          <Table.Th>Goes to</Table.Th>
          <Table.Th>First value</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.headers.map((header) => (
          <Table.Tr key={header}>
            <Table.Td>{header || <Text c="dimmed">(no header)</Text>}</Table.Td>
            <Table.Td>
              <Select
                aria-label={`Field for ${header}`}
                placeholder="Not imported"
                data={data}
                value={mapping[header] ?? null}
                clearable
                searchable
                onChange={(value) => {
                  const next = { ...mapping };
                  if (value) next[header] = value;
                  else delete next[header];
                  onChange(next);
                }}
              />
            </Table.Td>
            <Table.Td>
              <Text size="sm" truncate maw={240}>
                {sample(header)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
