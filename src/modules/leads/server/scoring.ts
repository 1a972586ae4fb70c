import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { NotFound } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import {
  assertAdmin,
  baseConditions,
  tableOf,
  type RequestContext,
  type ResolvedObject,
} from '../../../server/engine';
import type { LeadScore, ScoringRule, ScoringRuleInput, scoringRulePatch } from '../contract';
import { reasonsOf, ruleMatches, scoreSql, scoringRules } from './scoreSql';

/** The objects a scoring rule is checked and compiled against: contacts as the system sees them, and as the caller does. */
export interface LeadObjects {
  system: ResolvedObject;
  caller: ResolvedObject;
}

const json = (value: unknown) => (value == null ? null : JSON.stringify(value));

/** A rule whose field or operator the lead's metadata does not know is a 400 naming it. */
function checkRule(
  ctx: RequestContext,
  contacts: ResolvedObject,
  rule: Omit<ScoringRule, 'id' | 'createdAt'>,
) {
  ruleMatches(ctx, contacts, { ...rule, id: '', createdAt: '' });
}

export async function addScoringRule(
  ctx: RequestContext,
  objects: LeadObjects,
  input: ScoringRuleInput,
): Promise<ScoringRule> {
  assertAdmin(ctx);
  const rule = { ...input, condition: input.condition ?? null, activity: input.activity ?? null };
  checkRule(ctx, objects.system, rule);
  const id = uuidv7();
  await ctx.db.write((tx) =>
    tx.execute(sql`INSERT INTO lead_scoring_rules (workspace_id, id, label, kind, points, condition, activity)
      VALUES (${ctx.workspace.id}, ${id}, ${rule.label}, ${rule.kind}, ${rule.points},
        ${json(rule.condition)}::jsonb, ${json(rule.activity)}::jsonb)`),
  );
  return scoringRule(ctx, id);
}

async function scoringRule(ctx: RequestContext, id: string): Promise<ScoringRule> {
  const found = (await scoringRules(ctx)).find((r) => r.id === id);
  if (!found) throw new NotFound('No such scoring rule');
  return found;
}

export async function changeScoringRule(
  ctx: RequestContext,
  objects: LeadObjects,
  id: string,
  patch: z.infer<typeof scoringRulePatch>,
): Promise<ScoringRule> {
  assertAdmin(ctx);
  const current = await scoringRule(ctx, id);
  // A new condition replaces the activity one, and the reverse: a rule has one of the two.
  const next = {
    ...current,
    ...patch,
    condition: patch.condition ?? (patch.activity ? null : current.condition),
    activity: patch.activity ?? (patch.condition ? null : current.activity),
  };
  checkRule(ctx, objects.system, next);
  await ctx.db.write((tx) =>
    tx.execute(sql`UPDATE lead_scoring_rules SET label = ${next.label}, kind = ${next.kind}, points = ${next.points},
        condition = ${json(next.condition)}::jsonb, activity = ${json(next.activity)}::jsonb
      WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`),
  );
  return scoringRule(ctx, id);
}

export async function deleteScoringRule(ctx: RequestContext, id: string): Promise<void> {
  assertAdmin(ctx);
  const gone = await ctx.db.write((tx) =>
    rows(
      tx,
      sql`DELETE FROM lead_scoring_rules WHERE workspace_id = ${ctx.workspace.id} AND id = ${id} RETURNING id`,
    ),
  );
  if (gone.length === 0) throw new NotFound('No such scoring rule');
}

/** One lead's score with the reasons, for a contact the caller may see (404 otherwise). */
export async function leadScore(
  ctx: RequestContext,
  objects: LeadObjects,
  contactId: string,
): Promise<LeadScore> {
  const rules = await scoringRules(ctx);
  const score = scoreSql(ctx, objects.system, rules);
  const [found] = await ctx.db.read((x) =>
    rows<{ fit: number; engagement: number; hits: boolean[] }>(
      x,
      sql`SELECT ${score.fit} AS fit, ${score.engagement} AS engagement, h.hits
        FROM ${tableOf(objects.caller)} ${score.lateral}
        WHERE ${sql.join([...baseConditions(ctx, objects.caller), sql`t.id = ${contactId}`], sql` AND `)}`,
    ),
  );
  if (!found) throw new NotFound('No such contact');
  const fit = Number(found.fit);
  const engagement = Number(found.engagement);
  return { score: fit + engagement, fit, engagement, reasons: reasonsOf(rules, found.hits) };
}
