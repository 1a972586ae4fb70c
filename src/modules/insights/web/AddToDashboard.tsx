import { Button, Group, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import { useDashboards, useSaveDashboard } from './api';

/** Puts a saved report on a dashboard, as its last tile. */
export function AddToDashboard({ reportId }: { reportId: string }) {
  const dashboards = useDashboards().data ?? [];
  const save = useSaveDashboard();
  const [chosen, setChosen] = useState<string | null>(null);
  const add = () => {
    const dashboard = dashboards.find((d) => d.id === chosen);
    if (!dashboard) return;
    const tiles = [
      ...(dashboard.tiles ?? []),
      { id: crypto.randomUUID().slice(0, 8), kind: 'report' as const, ref: reportId, width: 2 },
    ];
    save.mutate(
      { id: dashboard.id, version: dashboard.version, name: dashboard.name, tiles },
      {
        onSuccess: () => notifications.show({ message: `Added to ${dashboard.name}` }),
        onError: (error) => notifyFailure(error, 'Not added'),
      },
    );
  };
  return (
    <Group align="flex-end">
      <Select
        label="Dashboard"
        placeholder="Choose a dashboard"
        data={dashboards.map((d) => ({ value: d.id, label: d.name }))}
        value={chosen}
        onChange={setChosen}
      />
      <Button variant="light" onClick={add} disabled={!chosen} loading={save.isPending}>
        Add to dashboard
      </Button>
    </Group>
  );
}
