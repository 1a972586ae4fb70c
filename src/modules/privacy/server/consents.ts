import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows, type Executor } from '../../../server/db/database';
import { assertCanWrite, type RequestContext } from '../../../server/engine';
import type { Consent, ConsentInput, ConsentsAnswer } from '../contract';
import { iso, writeAudit } from './audit';

/** Adds a consent row (the newest of its channel becomes the current one) and its audit entry. */
export async function insertConsent(
  ctx: RequestContext,
  tx: Executor,
  contactId: string,
  input: ConsentInput,
): Promise<string> {
  const id = uuidv7();
  const by = ctx.actor.type === 'system' ? null : ctx.userId;
  await tx.execute(
    sql`INSERT INTO consents (workspace_id, id, contact_id, channel, status, source, recorded_by)
      VALUES (${ctx.workspace.id}, ${id}, ${contactId}, ${input.channel}, ${input.status}, ${input.source}, ${by}::uuid)`,
  );
  return id;
}

/** Records a consent given or withdrawn; the contact has been read through the engine (visible to the caller). */
export async function recordConsent(ctx: RequestContext, contactId: string, input: ConsentInput) {
  assertCanWrite(ctx);
  await ctx.db.write(async (tx) => {
    const id = await insertConsent(ctx, tx, contactId, input);
    await writeAudit(ctx, tx, 'consent', contactId, { consentId: id, ...input });
  });
  return consentsOf(ctx, contactId);
}

/** The contact's consent history (newest first) and the current consent of each channel. */
export async function consentsOf(ctx: RequestContext, contactId: string): Promise<ConsentsAnswer> {
  const history = await ctx.db.read((x) => consentRows(ctx, x, contactId));
  const current = new Map<string, Consent>();
  for (const c of history) if (!current.has(c.channel)) current.set(c.channel, c);
  return { current: [...current.values()], history };
}

export function consentRows(ctx: RequestContext, x: Executor, contactId: string) {
  return rows<Consent>(
    x,
    sql`SELECT c.id, c.channel, c.status, c.source, ${iso('c.recorded_at')} AS "recordedAt",
        c.recorded_by AS "recordedBy", u.name AS "recordedByName"
      FROM consents c
      LEFT JOIN users u ON u.workspace_id = c.workspace_id AND u.id = c.recorded_by
      WHERE c.workspace_id = ${ctx.workspace.id} AND c.contact_id = ${contactId}
      ORDER BY c.id DESC LIMIT 500`,
  );
}
