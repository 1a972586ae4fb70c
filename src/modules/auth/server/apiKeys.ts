import { and, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { Forbidden, NotFound } from '../../../common/errors';
import type { RequestContext } from '../../../server/engine';
import type { createApiKeyInput, Role } from '../contract';
import { apiKeys } from './tables';
import { assertRecentSignIn } from './recentSignIn';
import { issueToken } from './tokens';
import { apiKeyView } from './views';

const rank: Record<Role, number> = { viewer: 0, rep: 1, manager: 2, admin: 3 };

/**
 * The key's own secret, after `rk_<workspace>_` (the same on every key). Counted from the second
 * underscore, not the last: the secret is base64url and may hold underscores itself.
 */
const keySecret = (token: string) => token.slice(token.indexOf('_', 'rk_'.length) + 1);

export async function createApiKey(ctx: RequestContext, input: z.infer<typeof createApiKeyInput>) {
  assertRecentSignIn(ctx, 'Creating an API key');
  const role = input.role ?? ctx.role;
  if (rank[role] > rank[ctx.role]) throw new Forbidden('An API key cannot have more rights than its creator');
  const { token, hash } = issueToken('rk', ctx.workspace.id);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null;
  const id = uuidv7();
  await ctx.db.write((tx) =>
    tx.insert(apiKeys).values({
      workspaceId: ctx.workspace.id,
      id,
      name: input.name,
      role,
      prefix: `rk_${keySecret(token).slice(0, 8)}`,
      tokenHash: hash,
      userId: ctx.userId,
      expiresAt,
    }),
  );
  return { id, name: input.name, role, expiresAt, token };
}

/** Admins see every key of the workspace unless they ask for their own (`onlyMine`), others their own. */
export async function listApiKeys(ctx: RequestContext, onlyMine = false) {
  const mine = ctx.role === 'admin' && !onlyMine ? undefined : eq(apiKeys.userId, ctx.userId);
  const found = await ctx.db.read((x) =>
    x
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, ctx.workspace.id), isNull(apiKeys.revokedAt), mine))
      .orderBy(apiKeys.createdAt),
  );
  return found.map(apiKeyView);
}

export async function revokeApiKey(ctx: RequestContext, id: string) {
  const mine = ctx.role === 'admin' ? undefined : eq(apiKeys.userId, ctx.userId);
  const revoked = await ctx.db.write((tx) =>
    tx
      .update(apiKeys)
      .set({ revokedAt: new Date().toISOString() })
      .where(
        and(eq(apiKeys.workspaceId, ctx.workspace.id), eq(apiKeys.id, id), isNull(apiKeys.revokedAt), mine),
      )
      .returning({ id: apiKeys.id }),
  );
  if (revoked.length === 0) throw new NotFound('No such API key');
}
