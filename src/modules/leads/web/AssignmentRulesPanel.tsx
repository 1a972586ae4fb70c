import {
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useWorkspaceUsers } from '../../../web/api/users';
import { notifyFailure } from '../../../web/api/notify';
import type { AssignmentRule } from '../contract';
import { useWorkspaceTeams } from '../../../web/api/users';
import { type AssignmentRuleDraft, useAssignmentRules, useRuleWrite } from './api';
import { RemoveRuleCell, RuleCell } from './ruleCells';

/** A rule's territory as people read it: `mailingAddress.country eq Germany`, or every lead. */
function territory(rule: AssignmentRule): string {
  const leaf = rule.filter as { field?: string; op?: string; value?: unknown } | null;
  if (!leaf) return 'Every new lead';
  return leaf.field ? `${leaf.field} ${leaf.op} ${String(leaf.value)}` : 'Leads matching a filter';
}

/** Admins order the rules that give new leads an owner: one user, or a team's members in turn. */
export function AssignmentRulesPanel() {
  const rules = useAssignmentRules();
  const users = useWorkspaceUsers();
  const teams = useWorkspaceTeams();
  const add = useRuleWrite<AssignmentRuleDraft>('POST', () => '/leads/assignment-rules');
  const [name, setName] = useState('');
  const [priority, setPriority] = useState<number>(10);
  const [target, setTarget] = useState<string | null>(null);
  const [field, setField] = useState('');
  const [value, setValue] = useState('');
  const nameOf = (rule: AssignmentRule) =>
    rule.userId
      ? (users.find((u) => u.id === rule.userId)?.name ?? 'A user')
      : `${teams.find((t) => t.id === rule.teamId)?.name ?? 'A team'} (in turn)`;

  const submit = () => {
    if (!target) return;
    const [kind, id] = target.split(':');
    const rule: AssignmentRuleDraft = {
      name,
      priority,
      ...(kind === 'user' ? { userId: id } : { teamId: id }),
      ...(field.trim() ? { filter: { field: field.trim(), op: 'eq', value } } : {}),
    };
    add.mutate(rule, {
      onSuccess: () => setName(''),
      onError: (error) => notifyFailure(error, 'The rule was not added'),
    });
  };

  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h5" mb="xs">
        Lead assignment
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        New leads from imports, integrations and admins go to the first rule they match, lowest priority
        number first. A team takes its members in turn.
      </Text>
      <Table aria-label="Assignment rules" layout="fixed" mb="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>Priority</Table.Th>
            <Table.Th>Rule</Table.Th>
            <Table.Th w={50}>
              <VisuallyHidden>Remove</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rules.data?.data ?? []).map((rule) => (
            <Table.Tr key={rule.id}>
              <Table.Td>{rule.priority}</Table.Td>
              <RuleCell
                title={`${rule.name} → ${nameOf(rule)}`}
                detail={`${territory(rule)} · ${rule.assigned} assigned${rule.active ? '' : ' · paused'}`}
              />
              <RemoveRuleCell name={rule.name} path={`/leads/assignment-rules/${rule.id}`} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap="xs">
        <Group grow wrap="wrap" align="flex-end">
          <TextInput
            label="Rule name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            miw={160}
          />
          <NumberInput
            label="Priority"
            min={0}
            value={priority}
            onChange={(v) => setPriority(Number(v) || 0)}
            miw={100}
          />
          <Select
            label="Assign to"
            data={[
              {
                group: 'Teams (in turn)',
                items: teams.map((t) => ({ value: `team:${t.id}`, label: t.name })),
              },
              { group: 'Users', items: users.map((u) => ({ value: `user:${u.id}`, label: u.name })) },
            ]}
            value={target}
            onChange={setTarget}
            miw={180}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-end">
          <TextInput
            label="Territory field (optional)"
            description="mailingAddress.country, accountId.billingAddress.region…"
            value={field}
            onChange={(e) => setField(e.currentTarget.value)}
            miw={200}
          />
          <TextInput
            label="Equals"
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            miw={140}
          />
        </Group>
        <Group>
          <Button onClick={submit} loading={add.isPending} disabled={!name.trim() || !target}>
            Add assignment rule
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
