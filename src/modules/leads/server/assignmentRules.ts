import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { NotFound, ValidationFailed } from '../../../common/errors';
import type { FilterNode } from '../../../common/pagination';
import { rows, type Executor } from '../../../server/db/database';
import { assertAdmin, compileFilter, type RequestContext, type ResolvedObject } from '../../../server/engine';
import type { AssignmentRule, AssignmentRuleInput, assignmentRulePatch } from '../contract';

const columns = sql`id, name, priority, filter, user_id AS "userId", team_id AS "teamId", active, turns AS assigned`;

/** The workspace's assignment rules, first priority first (ties: oldest first). */
export async function assignmentRules(
  ctx: RequestContext,
  x: Executor,
  activeOnly = false,
): Promise<AssignmentRule[]> {
  return rows<AssignmentRule>(
    x,
    sql`SELECT ${columns} FROM lead_assignment_rules
      WHERE workspace_id = ${ctx.workspace.id}${activeOnly ? sql` AND active` : sql``}
      ORDER BY priority, id`,
  );
}

type RuleValues = Pick<AssignmentRule, 'userId' | 'teamId'> & { filter?: FilterNode | null };

/** The filter must be one contacts know, and the assignee a user (not disabled) or a team of this workspace. */
async function checkRule(ctx: RequestContext, contacts: ResolvedObject, rule: RuleValues) {
  if (rule.filter) compileFilter({ ...ctx, role: 'admin' }, contacts, rule.filter, 'filter');
  if (Boolean(rule.userId) === Boolean(rule.teamId))
    throw new ValidationFailed('Give either a userId or a teamId', [
      { path: 'userId', message: 'give either a userId or a teamId' },
    ]);
  const ws = ctx.workspace.id;
  const known = await ctx.db.read((x) =>
    rows(
      x,
      rule.userId
        ? sql`SELECT 1 FROM users WHERE workspace_id = ${ws} AND id = ${rule.userId} AND NOT disabled`
        : sql`SELECT 1 FROM teams WHERE workspace_id = ${ws} AND id = ${rule.teamId}`,
    ),
  );
  if (known.length === 0) {
    const path = rule.userId ? 'userId' : 'teamId';
    throw new ValidationFailed(`No such ${rule.userId ? 'user' : 'team'} in this workspace`, [
      { path, message: `is not a ${rule.userId ? 'user' : 'team'} of this workspace` },
    ]);
  }
}

async function assignmentRule(ctx: RequestContext, id: string): Promise<AssignmentRule> {
  const [found] = await ctx.db.read((x) =>
    rows<AssignmentRule>(
      x,
      sql`SELECT ${columns} FROM lead_assignment_rules WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`,
    ),
  );
  if (!found) throw new NotFound('No such assignment rule');
  return found;
}

const json = (value: unknown) => (value == null ? null : JSON.stringify(value));

export async function addAssignmentRule(
  ctx: RequestContext,
  contacts: ResolvedObject,
  input: AssignmentRuleInput,
): Promise<AssignmentRule> {
  assertAdmin(ctx);
  const rule = { ...input, userId: input.userId ?? null, teamId: input.teamId ?? null };
  await checkRule(ctx, contacts, rule);
  const id = uuidv7();
  await ctx.db.write((tx) =>
    tx.execute(sql`INSERT INTO lead_assignment_rules (workspace_id, id, name, priority, filter, user_id, team_id, active)
      VALUES (${ctx.workspace.id}, ${id}, ${rule.name}, ${rule.priority}, ${json(rule.filter)}::jsonb,
        ${rule.userId}, ${rule.teamId}, ${rule.active})`),
  );
  return assignmentRule(ctx, id);
}

export async function changeAssignmentRule(
  ctx: RequestContext,
  contacts: ResolvedObject,
  id: string,
  patch: z.infer<typeof assignmentRulePatch>,
): Promise<AssignmentRule> {
  assertAdmin(ctx);
  const current = await assignmentRule(ctx, id);
  // A new user replaces the team, and the reverse: a rule has one assignee.
  const next = {
    ...current,
    ...patch,
    filter: patch.filter === undefined ? (current.filter as FilterNode | null) : patch.filter,
    userId: patch.userId ?? (patch.teamId ? null : current.userId),
    teamId: patch.teamId ?? (patch.userId ? null : current.teamId),
  };
  await checkRule(ctx, contacts, next);
  await ctx.db.write((tx) =>
    tx.execute(sql`UPDATE lead_assignment_rules SET name = ${next.name}, priority = ${next.priority},
        filter = ${json(next.filter)}::jsonb, user_id = ${next.userId}, team_id = ${next.teamId}, active = ${next.active}
      WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`),
  );
  return assignmentRule(ctx, id);
}

export async function deleteAssignmentRule(ctx: RequestContext, id: string): Promise<void> {
  assertAdmin(ctx);
  const gone = await ctx.db.write((tx) =>
    rows(
      tx,
      sql`DELETE FROM lead_assignment_rules WHERE workspace_id = ${ctx.workspace.id} AND id = ${id} RETURNING id`,
    ),
  );
  if (gone.length === 0) throw new NotFound('No such assignment rule');
}
