import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { RequestContext } from '../../../server/engine';
import type { ScoringRuleInput } from '../contract';

/** What the demo's lead queue is scored by: who the lead is, where they came from, whether they wrote. */
const demoScoringRules: ScoringRuleInput[] = [
  {
    label: 'Senior title',
    kind: 'fit',
    points: 15,
    condition: { field: 'title', op: 'contains', value: 'director' },
  },
  {
    label: 'Came by referral',
    kind: 'fit',
    points: 10,
    condition: { field: 'leadSource', op: 'eq', value: 'referral' },
  },
  {
    label: 'Works at a known account',
    kind: 'fit',
    points: 5,
    condition: { field: 'accountId', op: 'isNull', value: false },
  },
  {
    label: 'Talked to us this month',
    kind: 'engagement',
    points: 10,
    activity: { types: ['email', 'call', 'meeting'], withinDays: 30, atLeast: 1 },
  },
];

/** The demo workspace's lead scoring rules (its 600 leads come with the sales demo). */
export async function seedLeadDemo(ctx: RequestContext): Promise<void> {
  await ctx.db.write(async (tx) => {
    for (const rule of demoScoringRules)
      await tx.execute(sql`INSERT INTO lead_scoring_rules (workspace_id, id, label, kind, points, condition, activity)
        VALUES (${ctx.workspace.id}, ${uuidv7()}, ${rule.label}, ${rule.kind}, ${rule.points},
          ${rule.condition ? JSON.stringify(rule.condition) : null}::jsonb,
          ${rule.activity ? JSON.stringify(rule.activity) : null}::jsonb)`);
  });
}
