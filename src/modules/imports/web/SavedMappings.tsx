import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import type { ImportMapping, ImportMatch } from '../contract';
import { useSaveMapping, useSavedMappings } from './api';

/**
 * Saved mappings beside the mapping table: pick one to map a file of a known shape at once (only the
 * columns this file has), or save the mapping in view under a name for the next file.
 */
export function SavedMappings({
  object,
  headers,
  mapping,
  match,
  onApply,
}: {
  object: string;
  headers: string[];
  mapping: ImportMapping;
  match: ImportMatch | null;
  onApply: (mapping: ImportMapping, match: ImportMatch | null) => void;
}) {
  const saved = useSavedMappings(object);
  const saving = useSaveMapping();
  const [name, setName] = useState('');
  const [said, say] = useState('');

  const apply = (id: string | null) => {
    const chosen = saved.data?.find((m) => m.id === id);
    if (!chosen) return;
    const kept = Object.entries(chosen.mapping).filter(([header]) => headers.includes(header));
    onApply(Object.fromEntries(kept), chosen.match);
    const missing = Object.keys(chosen.mapping).length - kept.length;
    say(`“${chosen.name}” applied${missing ? `; ${missing} of its columns are not in this file` : ''}.`);
  };
  const save = async () => {
    try {
      const done = await saving.mutateAsync({ object, name: name.trim(), mapping, match });
      say(`Saved as “${done.name}”.`);
      setName('');
    } catch (error) {
      notifyFailure(error, 'The mapping could not be saved');
    }
  };

  return (
    <Group align="flex-end">
      <Select
        label="Use a saved mapping"
        placeholder={saved.data?.length ? 'Choose one' : 'None saved yet'}
        data={(saved.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
        disabled={!saved.data?.length}
        value={null}
        onChange={apply}
      />
      <TextInput
        label="Save this mapping as"
        placeholder="e.g. Trade fair leads"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Button variant="default" disabled={!name.trim()} loading={saving.isPending} onClick={save}>
        Save mapping
      </Button>
      <Text size="sm" c="dimmed" role="status">
        {said}
      </Text>
    </Group>
  );
}
