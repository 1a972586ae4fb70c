import { and, count, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { Conflict, Forbidden, NotFound } from '../../../common/errors';
import type { Database, Executor } from '../../../server/db/database';
import { type RequestContext, assertAdmin } from '../../../server/engine';
import { hashPassword } from '../../../server/secrets';
import type {
  createTeamInput,
  createUserInput,
  Role,
  SessionView,
  signupInput,
  updateUserInput,
  workspaceSettingsInput,
} from '../contract';
import { identities, sessions, teams, users, workspaces } from './tables';
import { countPasskeys } from './passkeys';
import { assertRecentSignIn } from './recentSignIn';
import { issueToken } from './tokens';
import { assertCanRequireTwoFactor } from './twoFactor';
import { userView, workspaceView } from './views';

const sessionDays = 30;

export type SignupPolicy = 'open' | 'first' | 'closed';

export async function startSession(tx: Executor, workspaceId: string, userId: string): Promise<string> {
  const { token, hash } = issueToken('rs', workspaceId);
  const expiresAt = new Date(Date.now() + sessionDays * 86_400_000).toISOString();
  await tx.insert(sessions).values({ workspaceId, tokenHash: hash, userId, expiresAt });
  return token;
}

export async function sessionView(tx: Executor, workspaceId: string, userId: string): Promise<SessionView> {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  const passkeys = await countPasskeys(tx, workspaceId, userId);
  return { user: { ...userView(user), passkeys }, workspace: workspaceView(workspace) };
}

/**
 * Creates a user and its sign-in identity. An email is unique within a workspace; one person may
 * belong to several workspaces, so an address used elsewhere neither conflicts nor shows.
 */
export async function insertUser(
  tx: Executor,
  workspaceId: string,
  input: { email: string; name: string; password: string; role: Role; teamId?: string | null },
): Promise<string> {
  const [taken] = await tx
    .select({ email: identities.email })
    .from(identities)
    .where(and(eq(identities.email, input.email), eq(identities.workspaceId, workspaceId)));
  if (taken) throw new Conflict('A user with this email is already in this workspace');
  const id = uuidv7();
  const passwordHash = await hashPassword(input.password);
  await tx.insert(users).values({
    workspaceId,
    id,
    email: input.email,
    name: input.name,
    role: input.role,
    teamId: input.teamId ?? null,
    passwordHash,
  });
  await tx.insert(identities).values({ email: input.email, workspaceId, userId: id });
  return id;
}

export async function signup(
  db: Database,
  policy: SignupPolicy,
  input: z.infer<typeof signupInput>,
  setupWorkspace: (tx: Executor, workspaceId: string) => Promise<void>,
) {
  return db.write(async (tx) => {
    if (policy === 'closed') throw new Forbidden('Sign-up is closed on this server');
    if (policy === 'first') {
      const [{ n }] = await tx.select({ n: count() }).from(workspaces);
      if (n > 0) throw new Forbidden('Sign-up is closed: ask an admin of your workspace to invite you');
    }
    const workspaceId = uuidv7();
    await tx.insert(workspaces).values({ id: workspaceId, name: input.workspaceName });
    await setupWorkspace(tx, workspaceId);
    const userId = await insertUser(tx, workspaceId, { ...input, role: 'admin' });
    const token = await startSession(tx, workspaceId, userId);
    return { token, session: await sessionView(tx, workspaceId, userId) };
  });
}

export async function endSession(db: Database, workspaceId: string, tokenHash: string) {
  await db.write((tx) =>
    tx.delete(sessions).where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.tokenHash, tokenHash))),
  );
}

export function me(ctx: RequestContext): Promise<SessionView> {
  return ctx.db.read((x) => sessionView(x, ctx.workspace.id, ctx.userId));
}

export async function listUsers(ctx: RequestContext) {
  const found = await ctx.db.read((x) =>
    x.select().from(users).where(eq(users.workspaceId, ctx.workspace.id)).orderBy(users.name),
  );
  return found.map(userView);
}

export async function assertTeam(tx: Executor, workspaceId: string, teamId: string | null | undefined) {
  if (!teamId) return;
  const [team] = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, teamId)));
  if (!team) throw new NotFound('No such team');
}

export async function createUser(ctx: RequestContext, input: z.infer<typeof createUserInput>) {
  assertAdmin(ctx);
  return ctx.db.write(async (tx) => {
    await assertTeam(tx, ctx.workspace.id, input.teamId);
    const id = await insertUser(tx, ctx.workspace.id, input);
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, id)));
    return userView(user);
  });
}

/** Changes a user; disabling ends their sessions and API keys at once. */
export async function updateUser(ctx: RequestContext, id: string, input: z.infer<typeof updateUserInput>) {
  assertAdmin(ctx);
  if (input.role) assertRecentSignIn(ctx, 'Changing a role');
  if (id === ctx.userId && (input.disabled || (input.role && input.role !== 'admin'))) {
    throw new Conflict('You cannot disable yourself or take away your own admin role');
  }
  return ctx.db.write(async (tx) => {
    await assertTeam(tx, ctx.workspace.id, input.teamId);
    const where = and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, id));
    const [user] = await tx.update(users).set(input).where(where).returning();
    if (!user) throw new NotFound('No such user');
    if (input.disabled) {
      await tx
        .delete(sessions)
        .where(and(eq(sessions.workspaceId, ctx.workspace.id), eq(sessions.userId, id)));
      await tx.execute(
        sql`UPDATE api_keys SET revoked_at = now() WHERE workspace_id = ${ctx.workspace.id} AND user_id = ${id} AND revoked_at IS NULL`,
      );
    }
    return userView(user);
  });
}

export async function listTeams(ctx: RequestContext) {
  const found = await ctx.db.read((x) =>
    x.select().from(teams).where(eq(teams.workspaceId, ctx.workspace.id)).orderBy(teams.name),
  );
  return found.map((t) => ({ id: t.id, name: t.name, createdAt: new Date(t.createdAt).toISOString() }));
}

export async function createTeam(ctx: RequestContext, input: z.infer<typeof createTeamInput>) {
  assertAdmin(ctx);
  const [team] = await ctx.db.write((tx) =>
    tx.insert(teams).values({ workspaceId: ctx.workspace.id, id: uuidv7(), name: input.name }).returning(),
  );
  return { id: team.id, name: team.name, createdAt: new Date(team.createdAt).toISOString() };
}

export async function renameTeam(ctx: RequestContext, id: string, input: z.infer<typeof createTeamInput>) {
  assertAdmin(ctx);
  const [team] = await ctx.db.write((tx) =>
    tx
      .update(teams)
      .set({ name: input.name })
      .where(and(eq(teams.workspaceId, ctx.workspace.id), eq(teams.id, id)))
      .returning(),
  );
  if (!team) throw new NotFound(`No team with id ${id}`);
  return { id: team.id, name: team.name, createdAt: new Date(team.createdAt).toISOString() };
}

/** Deleting a team leaves its members without one; their records and rights are untouched. */
export async function deleteTeam(ctx: RequestContext, id: string) {
  assertAdmin(ctx);
  await ctx.db.write(async (tx) => {
    await tx
      .update(users)
      .set({ teamId: null })
      .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.teamId, id)));
    const removed = await tx
      .delete(teams)
      .where(and(eq(teams.workspaceId, ctx.workspace.id), eq(teams.id, id)))
      .returning({ id: teams.id });
    if (removed.length === 0) throw new NotFound(`No team with id ${id}`);
  });
}

export async function updateWorkspace(ctx: RequestContext, input: z.infer<typeof workspaceSettingsInput>) {
  assertAdmin(ctx);
  if (input.requireTwoFactor) await assertCanRequireTwoFactor(ctx);
  const [workspace] = await ctx.db.write((tx) =>
    tx
      .update(workspaces)
      .set({ ...input, metadataVersion: sql`${workspaces.metadataVersion} + 1` })
      .where(eq(workspaces.id, ctx.workspace.id))
      .returning(),
  );
  return workspaceView(workspace);
}
