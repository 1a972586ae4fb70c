import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { CreateWarning } from '../../modules';

interface CreateWarningsProps {
  warnings: CreateWarning[];
  onOpen: (object: string, id: string) => void;
  onCreateAnyway: () => void;
}

/** What the create checks found (likely duplicates), each record to open instead, or create anyway. */
export function CreateWarnings({ warnings, onOpen, onCreateAnyway }: CreateWarningsProps) {
  return (
    <Alert color="yellow" title={warnings.map((w) => w.title).join('; ')} role="alert">
      <Stack gap="xs">
        {warnings.flatMap((w) =>
          w.records.map((r) => (
            <Group key={`${r.object}:${r.id}`} justify="space-between" wrap="nowrap">
              <div>
                <Text fw={500}>{r.title}</Text>
                <Text size="sm" c="dimmed">
                  {r.detail}
                </Text>
              </div>
              <Button size="xs" variant="light" onClick={() => onOpen(r.object, r.id)}>
                Open existing
              </Button>
            </Group>
          )),
        )}
        <Group justify="flex-end">
          <Button size="xs" color="yellow" onClick={onCreateAnyway}>
            Create anyway
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
