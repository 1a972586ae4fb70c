import { randomInt } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../../../server/db/database';
import { sha256 } from '../../../server/secrets';
import { recoveryCodes } from './tables';

const codesPerSet = 10;
// No 0/o, 1/l/i: a code is read off paper and typed by hand.
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

function newCode(): string {
  const letters = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${letters.slice(0, 5)}-${letters.slice(5)}`;
}

/** Hashed with the user's id, so equal codes of two users never share a hash. */
function codeHash(userId: string, code: string): string {
  return sha256(`${userId}:${code.trim().toLowerCase().replace(/[\s-]/g, '')}`);
}

/** Replaces the user's recovery codes with a fresh set; the plain codes exist only in this answer. */
export async function issueRecoveryCodes(tx: Executor, workspaceId: string, userId: string) {
  const codes = Array.from({ length: codesPerSet }, newCode);
  await tx
    .delete(recoveryCodes)
    .where(and(eq(recoveryCodes.workspaceId, workspaceId), eq(recoveryCodes.userId, userId)));
  await tx
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ workspaceId, userId, codeHash: codeHash(userId, code) })));
  return codes;
}

export async function dropRecoveryCodes(tx: Executor, workspaceId: string, userId: string) {
  await tx
    .delete(recoveryCodes)
    .where(and(eq(recoveryCodes.workspaceId, workspaceId), eq(recoveryCodes.userId, userId)));
}

/** Spends one unused code; false when it is unknown or already spent (each code works once). */
export async function redeemRecoveryCode(
  db: Database,
  user: { workspaceId: string; id: string },
  code: string,
): Promise<boolean> {
  const spent = await db.write((tx) =>
    tx
      .update(recoveryCodes)
      .set({ usedAt: new Date().toISOString() })
      .where(
        and(
          eq(recoveryCodes.workspaceId, user.workspaceId),
          eq(recoveryCodes.userId, user.id),
          eq(recoveryCodes.codeHash, codeHash(user.id, code)),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ hash: recoveryCodes.codeHash }),
  );
  return spent.length === 1;
}

export async function unusedRecoveryCodes(db: Database, workspaceId: string, userId: string) {
  const [{ n }] = await db.read((x) =>
    x
      .select({ n: count() })
      .from(recoveryCodes)
      .where(
        and(
          eq(recoveryCodes.workspaceId, workspaceId),
          eq(recoveryCodes.userId, userId),
          isNull(recoveryCodes.usedAt),
        ),
      ),
  );
  return n;
}
