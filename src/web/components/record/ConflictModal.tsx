import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import type { ObjectMeta } from '../../../common/metadata';
import { formatFieldText } from '../fields/format';
import type { EditConflict } from './useGuardedSave';

interface ConflictModalProps {
  meta: ObjectMeta;
  conflict: EditConflict | null;
  onOverwrite: () => void;
  onKeepTheirs: () => void;
}

/** Shows both sides of a stale edit; nothing is written until the user picks one. */
export function ConflictModal({ meta, conflict, onOverwrite, onKeepTheirs }: ConflictModalProps) {
  const rows = conflict
    ? Object.keys(conflict.mine).map((name) => {
        const field = meta.fields.find((f) => f.name === name);
        const show = (v: unknown) => (field ? formatFieldText(field, v) : String(v ?? '')) || '—';
        return {
          name,
          label: field?.label ?? name,
          mine: show(conflict.mine[name]),
          theirs: show(conflict.theirs[name]),
          was: show(conflict.base[name]),
        };
      })
    : [];
  const theirOtherChanges = conflict
    ? meta.fields.filter(
        (f) =>
          !(f.name in conflict.mine) &&
          JSON.stringify(conflict.base[f.name] ?? null) !== JSON.stringify(conflict.theirs[f.name] ?? null),
      )
    : [];

  return (
    <Modal
      opened={Boolean(conflict)}
      onClose={onKeepTheirs}
      title="This record changed while you were editing"
      size="lg"
    >
      <Stack>
        <Text size="sm">
          Someone saved a newer version (version {conflict?.theirs.version}). Your edit was not saved yet.
          Compare and choose:
        </Text>
        <Table.ScrollContainer minWidth={420}>
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>When you opened it</Table.Th>
                <Table.Th>Their version</Table.Th>
                <Table.Th>Yours</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.name}>
                  <Table.Td fw={500}>{r.label}</Table.Td>
                  <Table.Td className="rp-text">{r.was}</Table.Td>
                  <Table.Td className="rp-text">{r.theirs}</Table.Td>
                  <Table.Td className="rp-text">{r.mine}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {theirOtherChanges.length > 0 && (
          <Alert color="blue" p="xs">
            They also changed {theirOtherChanges.map((f) => f.label).join(', ')}; those changes are kept
            either way.
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onKeepTheirs}>
            Keep their version
          </Button>
          <Button color="orange" onClick={onOverwrite}>
            Save mine over theirs
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
