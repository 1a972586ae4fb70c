import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { filterOperators, type FilterOperator } from '../../../common/pagination';
import { liveFields, useObjectMeta } from '../../../web/api/metadata';
import { notifyFailure } from '../../../web/api/notify';
import { activityTypes, type ActivityType } from '../../activities/contract';
import type { ScoringRule } from '../contract';
import { type ScoringRuleDraft, useRuleWrite, useScoringRules } from './api';
import { RemoveRuleCell, RuleCell } from './ruleCells';

function describe(rule: ScoringRule): string {
  if (rule.condition)
    return `${rule.condition.field} ${rule.condition.op} ${String(rule.condition.value ?? '')}`;
  const a = rule.activity!;
  return `${a.atLeast}+ ${a.direction ?? ''} ${a.types.join('/')} in ${a.withinDays} days`;
}

/** Admins list, add and remove the rules that score leads; each shows as a reason on the lead. */
export function ScoringRulesPanel() {
  const rules = useScoringRules();
  const contacts = useObjectMeta('contacts');
  const add = useRuleWrite<ScoringRuleDraft>('POST', () => '/leads/scoring-rules');
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<'fit' | 'engagement'>('fit');
  const [points, setPoints] = useState<number>(10);
  const [on, setOn] = useState<'field' | 'activity'>('field');
  const [field, setField] = useState<string | null>(null);
  const [op, setOp] = useState<string | null>('eq');
  const [value, setValue] = useState('');
  const [types, setTypes] = useState<string[]>(['email']);
  const [withinDays, setWithinDays] = useState<number>(30);

  const submit = () => {
    const rule: ScoringRuleDraft =
      on === 'field'
        ? {
            label,
            kind,
            points,
            condition: { field: field ?? '', op: (op ?? 'eq') as FilterOperator, value },
          }
        : { label, kind, points, activity: { types: types as ActivityType[], withinDays } };
    add.mutate(rule, {
      onSuccess: () => setLabel(''),
      onError: (error) => notifyFailure(error, 'The rule was not added'),
    });
  };

  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h5" mb="xs">
        Lead scoring
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        A lead&apos;s score is the sum of the points of the rules it matches. Fit rules look at who the lead
        is; engagement rules at what they did.
      </Text>
      <Table aria-label="Scoring rules" layout="fixed" mb="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rule</Table.Th>
            <Table.Th w={80}>Points</Table.Th>
            <Table.Th w={50}>
              <VisuallyHidden>Remove</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rules.data?.data ?? []).map((rule) => (
            <Table.Tr key={rule.id}>
              <RuleCell
                title={rule.label}
                detail={`${rule.kind === 'fit' ? 'Fit' : 'Engagement'}: ${describe(rule)}`}
              />
              <Table.Td>{rule.points}</Table.Td>
              <RemoveRuleCell name={rule.label} path={`/leads/scoring-rules/${rule.id}`} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap="xs">
        <Group grow wrap="wrap" align="flex-end">
          <TextInput
            label="Reason shown"
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            miw={180}
          />
          <Select
            label="Kind"
            data={[
              { value: 'fit', label: 'Fit' },
              { value: 'engagement', label: 'Engagement' },
            ]}
            value={kind}
            onChange={(v) => setKind((v as 'fit' | 'engagement') ?? 'fit')}
            allowDeselect={false}
            miw={140}
          />
          <NumberInput label="Points" value={points} onChange={(v) => setPoints(Number(v) || 0)} miw={100} />
        </Group>
        <SegmentedControl
          aria-label="Rule on"
          value={on}
          onChange={(v) => setOn(v as 'field' | 'activity')}
          data={[
            { value: 'field', label: 'A field' },
            { value: 'activity', label: 'Recent activity' },
          ]}
        />
        {on === 'field' ? (
          <Group grow wrap="wrap" align="flex-end">
            <Select
              label="Field"
              searchable
              data={(contacts ? liveFields(contacts) : []).map((f) => ({ value: f.name, label: f.label }))}
              value={field}
              onChange={setField}
              miw={180}
            />
            <Select label="Operator" data={[...filterOperators]} value={op} onChange={setOp} miw={120} />
            <TextInput
              label="Value"
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              miw={140}
            />
          </Group>
        ) : (
          <Group grow wrap="wrap" align="flex-end">
            <MultiSelect
              label="Activity types"
              data={[...activityTypes]}
              value={types}
              onChange={setTypes}
              miw={200}
            />
            <NumberInput
              label="Within days"
              min={1}
              value={withinDays}
              onChange={(v) => setWithinDays(Number(v) || 1)}
              miw={120}
            />
          </Group>
        )}
        <Group>
          <Button onClick={submit} loading={add.isPending} disabled={!label.trim()}>
            Add scoring rule
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
