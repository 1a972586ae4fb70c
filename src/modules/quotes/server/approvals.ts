import { and, asc, eq } from 'drizzle-orm';
import type { RequestContext } from '../../../server/engine';
import type { QuoteApproval } from '../contract';
import { quoteApprovals } from './tables';

export async function approvalsOf(ctx: RequestContext, quoteId: string): Promise<QuoteApproval[]> {
  const found = await ctx.db.read((x) =>
    x
      .select()
      .from(quoteApprovals)
      .where(and(eq(quoteApprovals.workspaceId, ctx.workspace.id), eq(quoteApprovals.quoteId, quoteId)))
      .orderBy(asc(quoteApprovals.at), asc(quoteApprovals.id)),
  );
  return found.map((a) => ({
    id: a.id,
    decision: a.decision as QuoteApproval['decision'],
    comment: a.comment,
    maxDiscountPercent: String(Number(a.maxDiscountPercent)),
    actor: { type: a.actorType, id: a.actorId, name: a.actorName },
    at: new Date(a.at).toISOString(),
  }));
}
