import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { Conflict, NotFound } from '../../../common/errors';
import type { Database } from '../../../server/db/database';
import { type RequestContext, assertAdmin } from '../../../server/engine';
import type { acceptInvitationInput, InvitationView, invitationInput } from '../contract';
import { identities, invitations, teams, workspaces } from './tables';
import { issueToken, readToken } from './tokens';
import { assertTeam, insertUser, sessionView, startSession } from './service';

const inviteDays = 7;
const notValid = 'This invitation link is not valid, was already used or has expired';

function pending(workspaceId: string) {
  return and(
    eq(invitations.workspaceId, workspaceId),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, sql`now()`),
  );
}

function invitationView(i: typeof invitations.$inferSelect): InvitationView {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    teamId: i.teamId,
    createdAt: new Date(i.createdAt).toISOString(),
    expiresAt: new Date(i.expiresAt).toISOString(),
  };
}

/** Invites someone by link; inviting the same address again replaces the link sent before. */
export async function createInvitation(
  ctx: RequestContext,
  input: z.infer<typeof invitationInput>,
  origin: string,
) {
  assertAdmin(ctx);
  const { token, hash } = issueToken('ri', ctx.workspace.id);
  const id = uuidv7();
  const expiresAt = new Date(Date.now() + inviteDays * 86_400_000).toISOString();
  await ctx.db.write(async (tx) => {
    await assertTeam(tx, ctx.workspace.id, input.teamId);
    const [taken] = await tx
      .select({ email: identities.email })
      .from(identities)
      .where(and(eq(identities.email, input.email), eq(identities.workspaceId, ctx.workspace.id)));
    // One person may belong to several workspaces: only this workspace's users count as taken.
    if (taken) throw new Conflict('A user with this email already exists in this workspace');
    await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(pending(ctx.workspace.id), eq(invitations.email, input.email)));
    await tx.insert(invitations).values({
      workspaceId: ctx.workspace.id,
      id,
      email: input.email,
      role: input.role,
      teamId: input.teamId ?? null,
      tokenHash: hash,
      invitedBy: ctx.userId,
      expiresAt,
    });
  });
  return { id, url: `${origin}/join#${token}`, expiresAt };
}

export async function listInvitations(ctx: RequestContext) {
  assertAdmin(ctx);
  const found = await ctx.db.read((x) =>
    x.select().from(invitations).where(pending(ctx.workspace.id)).orderBy(desc(invitations.createdAt)),
  );
  return found.map(invitationView);
}

export async function revokeInvitation(ctx: RequestContext, id: string) {
  assertAdmin(ctx);
  const revoked = await ctx.db.write((tx) =>
    tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(pending(ctx.workspace.id), eq(invitations.id, id)))
      .returning({ id: invitations.id }),
  );
  if (revoked.length === 0) throw new NotFound('No such pending invitation');
}

/** What the accept page shows: which address, which workspace, which role. */
export async function previewInvitation(db: Database, token: string) {
  const link = readToken('ri', token);
  const [found] = link
    ? await db.read((x) =>
        x
          .select({ email: invitations.email, role: invitations.role, workspaceName: workspaces.name })
          .from(invitations)
          .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
          .where(and(pending(link.workspaceId), eq(invitations.tokenHash, link.hash))),
      )
    : [];
  if (!found) throw new NotFound(notValid);
  return found;
}

/** The invited person sets their own name and password; the link is spent in the same transaction. */
export async function acceptInvitation(db: Database, input: z.infer<typeof acceptInvitationInput>) {
  const link = readToken('ri', input.token);
  if (!link) throw new NotFound(notValid);
  return db.write(async (tx) => {
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()` })
      .where(and(pending(link.workspaceId), eq(invitations.tokenHash, link.hash)))
      .returning();
    if (!invitation) throw new NotFound(notValid);
    // The team may have been removed since the invitation went out.
    const [team] = invitation.teamId
      ? await tx
          .select({ id: teams.id })
          .from(teams)
          .where(and(eq(teams.workspaceId, invitation.workspaceId), eq(teams.id, invitation.teamId)))
      : [];
    const userId = await insertUser(tx, invitation.workspaceId, {
      email: invitation.email,
      name: input.name,
      password: input.password,
      role: invitation.role,
      teamId: team?.id ?? null,
    });
    const token = await startSession(tx, invitation.workspaceId, userId);
    return { token, session: await sessionView(tx, invitation.workspaceId, userId) };
  });
}
