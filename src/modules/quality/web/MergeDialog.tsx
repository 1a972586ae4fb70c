import { Button, Group, Modal, Radio, ScrollArea, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import type { ObjectMeta } from '../../../common/metadata';
import { editableFields } from '../../../web/api/metadata';
import { notifyFailure } from '../../../web/api/notify';
import { fetchRecord, type CrmRecord } from '../../../web/api/records';
import { mergeRecords, undoMerge, useRefreshAfterMerge } from './api';

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return Object.values(value).filter(Boolean).join(', ');
  return String(value);
}
const empty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * Merge records into one of them, choosing each field's value from any of them (the survivor's by
 * default, or the first record that has one); after the merge a notification offers to undo it.
 */
export function MergeDialog({
  meta,
  ids,
  opened,
  onClose,
}: {
  meta: ObjectMeta;
  ids: string[];
  opened: boolean;
  onClose: () => void;
}) {
  const loaded = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['records', meta.name, 'one', id],
      queryFn: () => fetchRecord(meta.name, id),
      enabled: opened,
    })),
  });
  const records = loaded.map((q) => q.data).filter((r): r is CrmRecord => !!r);
  const [survivor, setSurvivor] = useState(ids[0]);
  const [picks, setPicks] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshAfterMerge();
  const fields = editableFields(meta).filter((f) => records.some((r) => !empty(r[f.name])));
  const differing = new Set(
    fields
      .filter((f) => new Set(records.map((r) => JSON.stringify(r[f.name] ?? null))).size > 1)
      .map((f) => f.name),
  );
  const pickOf = (field: string) => {
    if (picks[field]) return picks[field];
    const own = records.find((r) => r.id === survivor);
    if (own && !empty(own[field])) return survivor;
    return records.find((r) => !empty(r[field]))?.id ?? survivor;
  };
  const undo = (mergeId: string, id: string) => async () => {
    try {
      await undoMerge(mergeId);
      await refresh();
      notifications.update({
        id,
        title: 'Merge undone',
        message: 'Every record is back where it was.',
        autoClose: 4000,
      });
    } catch (error) {
      notifyFailure(error, 'Could not undo the merge');
    }
  };
  const merge = async () => {
    setBusy(true);
    try {
      const own = records.find((r) => r.id === survivor)!;
      const values: Record<string, unknown> = {};
      for (const name of differing) {
        const from = records.find((r) => r.id === pickOf(name))!;
        if (JSON.stringify(from[name] ?? null) !== JSON.stringify(own[name] ?? null))
          values[name] = from[name] ?? null;
      }
      const mergedIds = ids.filter((id) => id !== survivor);
      const { mergeId } = await mergeRecords(meta.name, { survivorId: survivor, mergedIds, values });
      onClose();
      await refresh({ object: meta.name, ids: mergedIds });
      const id = `merge-${mergeId}`;
      notifications.show({
        id,
        title: `${records.length} ${meta.labelPlural.toLowerCase()} merged`,
        autoClose: 15_000,
        message: (
          <Button size="xs" variant="default" onClick={undo(mergeId, id)}>
            Undo merge
          </Button>
        ),
      });
    } catch (error) {
      notifyFailure(error, 'Could not merge');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Merge ${meta.labelPlural.toLowerCase()}`} size="xl">
      <ScrollArea>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              {records.map((r, i) => (
                <Table.Th key={r.id}>
                  <Radio
                    label={r.id === survivor ? `Record ${i + 1}: kept` : `Record ${i + 1}: keep this one`}
                    checked={r.id === survivor}
                    onChange={() => setSurvivor(r.id)}
                  />
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((f) => (
              <Table.Tr key={f.name}>
                <Table.Td>{f.label}</Table.Td>
                {records.map((r) => (
                  <Table.Td key={r.id}>
                    {differing.has(f.name) ? (
                      <Radio
                        name={`pick-${f.name}`}
                        aria-label={`${f.label}: ${shown(r[f.name])}`}
                        label={shown(r[f.name])}
                        checked={pickOf(f.name) === r.id}
                        onChange={() => setPicks({ ...picks, [f.name]: r.id })}
                      />
                    ) : (
                      <Text size="sm">{shown(r[f.name])}</Text>
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Text size="sm" c="dimmed" mt="sm">
        Everything linked to the others (people, deals, activities) moves to the one kept; the others go to
        the recycle bin. You can undo the merge.
      </Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button loading={busy} disabled={records.length < 2} onClick={merge}>
          Merge
        </Button>
      </Group>
    </Modal>
  );
}
