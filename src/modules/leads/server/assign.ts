import { sql } from 'drizzle-orm';
import type { FilterNode } from '../../../common/pagination';
import { rows, type Executor } from '../../../server/db/database';
import {
  compileFilter,
  records,
  type HookScope,
  type ObjectMap,
  type RequestContext,
  type Subscription,
  type WrittenRecord,
} from '../../../server/engine';
import type { AssignmentRule } from '../contract';
import { assignmentRules } from './assignmentRules';

/**
 * Whether a new lead is routed: it must be owned by whoever created it (the engine's default owner) and
 * come from an import, an integration (API key) or an admin. A rep or manager who enters a lead keeps it.
 */
function routes(ctx: RequestContext, operation: string, lead: WrittenRecord): boolean {
  if (lead.before || lead.after.lifecycleStage !== 'lead' || lead.after.ownerId !== ctx.userId) return false;
  return (
    operation === 'import' || ctx.source === 'import' || ctx.actor.type === 'apiKey' || ctx.role === 'admin'
  );
}

/** For each lead, which rules' filters it matches (in the rules' order), tested in one query for the batch. */
async function ruleHits(scope: HookScope, rules: AssignmentRule[], leadIds: string[]) {
  const system = { ...scope.ctx, role: 'admin' as const };
  const tests = rules.map((r) =>
    r.filter
      ? sql`coalesce((${compileFilter(system, scope.object, r.filter as FilterNode)}), false)`
      : sql`true`,
  );
  const found = await rows<{ id: string; hits: boolean[] }>(
    scope.tx,
    sql`SELECT t.id, ARRAY[${sql.join(tests, sql`, `)}]::boolean[] AS hits FROM contacts t
      WHERE t.workspace_id = ${scope.ctx.workspace.id} AND t.id = ANY(${`{${leadIds.join(',')}}`}::uuid[])`,
  );
  return new Map(found.map((f) => [f.id, f.hits]));
}

/** Each rule's assignees in turn order: its user, or its team's members; none when disabled or empty. */
async function assigneesOf(ctx: RequestContext, tx: Executor, rules: AssignmentRule[]) {
  const found = await rows<{ ruleId: string; users: string[] }>(
    tx,
    sql`SELECT r.id AS "ruleId", array_agg(u.id ORDER BY u.id) AS users
      FROM lead_assignment_rules r
      JOIN users u ON u.workspace_id = r.workspace_id AND NOT u.disabled
        AND (u.id = r.user_id OR u.team_id = r.team_id)
      WHERE r.workspace_id = ${ctx.workspace.id} AND r.id = ANY(${`{${rules.map((r) => r.id).join(',')}}`}::uuid[])
      GROUP BY r.id`,
  );
  return new Map(found.map((f) => [f.ruleId, f.users]));
}

/**
 * Moves a rule's turn counter on by the leads it takes and answers where their turns start. The counter
 * moves under the rule row's lock, so concurrent writes take turns one after the other and none is
 * skipped or doubled.
 */
async function takeTurns(ctx: RequestContext, tx: Executor, ruleId: string, count: number) {
  const [turn] = await rows<{ first: number }>(
    tx,
    sql`UPDATE lead_assignment_rules SET turns = turns + ${count}
      WHERE workspace_id = ${ctx.workspace.id} AND id = ${ruleId} RETURNING turns - ${count} AS first`,
  );
  return Number(turn.first);
}

/** Each lead's new owner: the next assignee of the first matching rule that has one. */
async function routedOwners(scope: HookScope, rules: AssignmentRule[], leads: WrittenRecord[]) {
  const hits = await ruleHits(
    scope,
    rules,
    leads.map((l) => l.id),
  );
  const assignees = await assigneesOf(scope.ctx, scope.tx, rules);
  const byRule = new Map<string, WrittenRecord[]>();
  for (const lead of leads) {
    const rule = rules.find((r, i) => hits.get(lead.id)?.[i] && assignees.get(r.id)?.length);
    if (rule) byRule.set(rule.id, [...(byRule.get(rule.id) ?? []), lead]);
  }
  const owners: { id: string; body: { ownerId: string }; path: string }[] = [];
  // In the rules' order, so concurrent writes lock rule rows in the same order and never deadlock.
  for (const { id: ruleId } of rules) {
    const taken = byRule.get(ruleId);
    if (!taken) continue;
    const users = assignees.get(ruleId)!;
    const first = await takeTurns(scope.ctx, scope.tx, ruleId, taken.length);
    taken.forEach((lead, i) => {
      const ownerId = users[(first + i) % users.length];
      if (ownerId !== lead.after.ownerId) owners.push({ id: lead.id, body: { ownerId }, path: '' });
    });
  }
  return owners;
}

/** Routes new leads through the first matching assignment rule, as a change of owner whose source is `assignment`. */
export const leadAssignmentSubscription: Subscription = {
  object: 'contacts',
  hooks: {
    async afterWrite(scope, written) {
      const leads = written.filter((w) => routes(scope.ctx, scope.operation, w));
      if (leads.length === 0) return;
      const rules = await assignmentRules(scope.ctx, scope.tx, true);
      if (rules.length === 0) return;
      const owners = await routedOwners(scope, rules, leads);
      if (owners.length === 0) return;
      const assigning: RequestContext = {
        ...scope.ctx,
        role: 'admin',
        source: 'assignment',
        actor: { type: 'system', id: null, name: 'Lead assignment' },
      };
      await records(assigning, scope.tx, scope.object.peers as ObjectMap, (task) =>
        scope.afterCommit(task),
      ).update('contacts', owners);
      return { rewritten: owners.map((o) => o.id) };
    },
  },
};
