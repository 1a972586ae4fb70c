import { ActionIcon, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import { useRuleWrite } from './api';

/** A rule as people read it: its name, and under it what it matches and does. */
export function RuleCell({ title, detail }: { title: ReactNode; detail: ReactNode }) {
  return (
    <Table.Td style={{ overflowWrap: 'anywhere' }}>
      <Text size="sm">{title}</Text>
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </Table.Td>
  );
}

/** The last cell of a rule's row: removes the rule at `path`, saying so when it cannot. */
export function RemoveRuleCell({ name, path }: { name: string; path: string }) {
  const remove = useRuleWrite<null>('DELETE', () => path);
  return (
    <Table.Td>
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={`Remove rule ${name}`}
        onClick={() => remove.mutate(null, { onError: (e) => notifyFailure(e) })}
      >
        <IconTrash size={16} />
      </ActionIcon>
    </Table.Td>
  );
}
