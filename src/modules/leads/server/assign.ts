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

/** The first active rule whose filter the lead matches, tested in one query. */
async function firstMatch(scope: HookScope, rules: AssignmentRule[], leadId: string) {
  const system = { ...scope.ctx, role: 'admin' as const };
  const tests = rules.map((r) =>
    r.filter
      ? sql`coalesce((${compileFilter(system, scope.object, r.filter as FilterNode)}), false)`
      : sql`true`,
  );
  const [found] = await rows<{ hits: boolean[] }>(
    scope.tx,
    sql`SELECT ARRAY[${sql.join(tests, sql`, `)}]::boolean[] AS hits FROM contacts t
      WHERE t.workspace_id = ${scope.ctx.workspace.id} AND t.id = ${leadId}`,
  );
  return rules.filter((_, i) => found?.hits[i]);
}

/**
 * The rule's next assignee: its user, or the next member of its team in turn. The counter moves under the
 * rule row's lock, so concurrent creates take turns one after the other and none is skipped or doubled.
 */
async function nextAssignee(ctx: RequestContext, tx: Executor, rule: AssignmentRule): Promise<string | null> {
  const ws = ctx.workspace.id;
  if (rule.userId) {
    const [user] = await rows<{ id: string }>(
      tx,
      sql`SELECT id FROM users WHERE workspace_id = ${ws} AND id = ${rule.userId} AND NOT disabled`,
    );
    if (!user) return null;
    await tx.execute(
      sql`UPDATE lead_assignment_rules SET turns = turns + 1 WHERE workspace_id = ${ws} AND id = ${rule.id}`,
    );
    return user.id;
  }
  const members = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM users WHERE workspace_id = ${ws} AND team_id = ${rule.teamId} AND NOT disabled ORDER BY id`,
  );
  if (members.length === 0) return null;
  const [turn] = await rows<{ turn: number }>(
    tx,
    sql`UPDATE lead_assignment_rules SET turns = turns + 1 WHERE workspace_id = ${ws} AND id = ${rule.id}
      RETURNING turns - 1 AS turn`,
  );
  return members[Number(turn.turn) % members.length].id;
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
      const owners: { id: string; body: { ownerId: string }; path: string }[] = [];
      for (const lead of leads) {
        for (const rule of await firstMatch(scope, rules, lead.id)) {
          const ownerId = await nextAssignee(scope.ctx, scope.tx, rule);
          if (!ownerId) continue;
          if (ownerId !== lead.after.ownerId) owners.push({ id: lead.id, body: { ownerId }, path: '' });
          break;
        }
      }
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
    },
  },
};
