import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { Forbidden, NotFound } from '../../../common/errors';
import type { Database } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import { sessions } from './tables';
import { readToken } from './tokens';

/** Remembers the browser and address a session was started from, for the user's list of sessions. */
export async function noteDevice(db: Database, token: string, request: FastifyRequest) {
  const session = readToken('rs', token);
  if (!session) return;
  const userAgent = request.headers['user-agent']?.slice(0, 400) ?? null;
  await db.write((tx) =>
    tx
      .update(sessions)
      .set({ userAgent, ip: request.ip })
      .where(and(eq(sessions.workspaceId, session.workspaceId), eq(sessions.tokenHash, session.hash))),
  );
}

/** Last seen is kept to the nearest few minutes: written only when it is older than that. */
export async function touchSession(db: Database, workspaceId: string, tokenHash: string) {
  await db.write((tx) =>
    tx
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(
        and(
          eq(sessions.workspaceId, workspaceId),
          eq(sessions.tokenHash, tokenHash),
          sql`${sessions.lastSeenAt} < now() - interval '5 minutes'`,
        ),
      ),
  );
}

function ownSessions(ctx: RequestContext) {
  if (ctx.actor.type !== 'user') throw new Forbidden('Sessions are managed from a signed-in browser');
  return and(
    eq(sessions.workspaceId, ctx.workspace.id),
    eq(sessions.userId, ctx.userId),
    gt(sessions.expiresAt, sql`now()`),
  );
}

export async function listSessions(ctx: RequestContext, currentHash: string | null) {
  const found = await ctx.db.read((x) =>
    x.select().from(sessions).where(ownSessions(ctx)).orderBy(desc(sessions.lastSeenAt), sessions.id),
  );
  return found.map((s) => ({
    id: s.id,
    current: s.tokenHash === currentHash,
    userAgent: s.userAgent,
    ip: s.ip,
    createdAt: new Date(s.createdAt).toISOString(),
    lastSeenAt: new Date(s.lastSeenAt).toISOString(),
    expiresAt: new Date(s.expiresAt).toISOString(),
  }));
}

export async function endOwnSession(ctx: RequestContext, id: string) {
  const ended = await ctx.db.write((tx) =>
    tx
      .delete(sessions)
      .where(and(ownSessions(ctx), eq(sessions.id, id)))
      .returning({ id: sessions.id }),
  );
  if (ended.length === 0) throw new NotFound('No such session');
}

/** "Sign out everywhere else": every session of the caller but the one making the request. */
export async function endOtherSessions(ctx: RequestContext, currentHash: string | null) {
  const ended = await ctx.db.write((tx) =>
    tx
      .delete(sessions)
      .where(and(ownSessions(ctx), currentHash ? ne(sessions.tokenHash, currentHash) : undefined))
      .returning({ id: sessions.id }),
  );
  return { ended: ended.length };
}
