import { and, count, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { Conflict, Forbidden, NotFound, TooManyRequests, Unauthorized } from '../../../common/errors';
import type { Database, Executor } from '../../../server/db/database';
import { type RequestContext, assertAdmin } from '../../../server/engine';
import { decoyHash, hashPassword, verifyPassword } from '../../../server/secrets';
import type {
  createTeamInput,
  createUserInput,
  loginInput,
  Role,
  SessionView,
  signupInput,
  updateUserInput,
  workspaceSettingsInput,
} from '../contract';
import { identities, sessions, teams, users, workspaces } from './tables';
import { issueToken } from './tokens';
import { redeemRecoveryCode } from './recoveryCodes';
import { verifyTotp, type TotpDeps } from './totp';
import { assertCanRequireTwoFactor } from './twoFactor';
import { userView, workspaceView } from './views';

const sessionDays = 30;
const lockAfterFailures = 10;
const lockMinutes = 15;

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
  return { user: userView(user), workspace: workspaceView(workspace) };
}

/** Creates a user and its sign-in identity; an email is one user across the whole installation. */
export async function insertUser(
  tx: Executor,
  workspaceId: string,
  input: { email: string; name: string; password: string; role: Role; teamId?: string | null },
): Promise<string> {
  const [taken] = await tx
    .select({ email: identities.email })
    .from(identities)
    .where(eq(identities.email, input.email));
  if (taken) throw new Conflict('A user with this email already exists');
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

export async function signup(db: Database, policy: SignupPolicy, input: z.infer<typeof signupInput>) {
  return db.write(async (tx) => {
    if (policy === 'closed') throw new Forbidden('Sign-up is closed on this server');
    if (policy === 'first') {
      const [{ n }] = await tx.select({ n: count() }).from(workspaces);
      if (n > 0) throw new Forbidden('Sign-up is closed: ask an admin of your workspace to invite you');
    }
    const workspaceId = uuidv7();
    await tx.insert(workspaces).values({ id: workspaceId, name: input.workspaceName });
    const userId = await insertUser(tx, workspaceId, { ...input, role: 'admin' });
    const token = await startSession(tx, workspaceId, userId);
    return { token, session: await sessionView(tx, workspaceId, userId) };
  });
}

export async function login(db: Database, totp: TotpDeps, input: z.infer<typeof loginInput>) {
  const [identity] = await db.read((x) =>
    x.select().from(identities).where(eq(identities.email, input.email)),
  );
  if (identity?.lockedUntil && new Date(identity.lockedUntil) > new Date()) {
    const seconds = Math.ceil((new Date(identity.lockedUntil).getTime() - Date.now()) / 1000);
    throw new TooManyRequests('Too many failed sign-ins for this account; try again later', seconds);
  }
  const [user] = identity
    ? await db.read((x) =>
        x
          .select()
          .from(users)
          .where(and(eq(users.workspaceId, identity.workspaceId), eq(users.id, identity.userId))),
      )
    : [];
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? decoyHash);
  if (!user || !passwordOk || user.disabled) {
    if (identity) {
      await db.write((tx) =>
        tx
          .update(identities)
          .set({
            failedLogins: sql`${identities.failedLogins} + 1`,
            lockedUntil: sql`CASE WHEN ${identities.failedLogins} + 1 >= ${lockAfterFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE NULL END`,
          })
          .where(eq(identities.email, identity.email)),
      );
    }
    throw new Unauthorized('Wrong email or password');
  }
  const recovered =
    user.totpEnabled && input.recoveryCode ? await redeemRecoveryCode(db, user, input.recoveryCode) : false;
  if (user.totpEnabled && !recovered) {
    if (input.recoveryCode) throw new Unauthorized('The recovery code is not valid or was already used');
    if (!input.totp) throw new Unauthorized('Enter the code from your authenticator app');
    if (!user.totpSecret || !verifyTotp(totp, user.totpSecret, user.email, input.totp))
      throw new Unauthorized('The two-factor code is not valid');
  }
  return db.write(async (tx) => {
    await tx
      .update(identities)
      .set({ failedLogins: 0, lockedUntil: null })
      .where(eq(identities.email, user.email));
    const token = await startSession(tx, user.workspaceId, user.id);
    return { token, session: await sessionView(tx, user.workspaceId, user.id) };
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
