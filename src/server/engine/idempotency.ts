import { sql } from 'drizzle-orm';
import { Conflict } from '../../common/errors';
import { rows, type Executor } from '../db/database';
import { sha256 } from '../secrets';
import type { RequestContext } from './context';

/**
 * Runs a create once per Idempotency-Key of one caller (a user's session, or one API key): the same
 * key and body within 24 hours answer the first result; the same key with another body is a conflict.
 * Another caller's same key is another key. The key row is written in the create's transaction, so a
 * concurrent duplicate waits for it and then reads its answer.
 */
export async function onceForKey(
  ctx: RequestContext,
  tx: Executor,
  object: string,
  key: string,
  body: unknown,
  create: () => Promise<string>,
): Promise<{ json: string; replayed: boolean }> {
  const hash = sha256(JSON.stringify(body ?? null));
  const principal = `${ctx.actor.type}:${ctx.actor.id ?? ctx.userId}`;
  const ours = sql`workspace_id = ${ctx.workspace.id} AND principal = ${principal} AND object = ${object} AND key = ${key}`;
  const claimed = await rows(
    tx,
    sql`INSERT INTO idempotency_keys (workspace_id, principal, key, object, request_hash, response)
      VALUES (${ctx.workspace.id}, ${principal}, ${key}, ${object}, ${hash}, 'null'::jsonb)
      ON CONFLICT (workspace_id, principal, object, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response = 'null'::jsonb, created_at = now()
        WHERE idempotency_keys.created_at < now() - interval '24 hours'
      RETURNING key`,
  );
  if (claimed.length === 0) {
    const [first] = await rows<{ request_hash: string; response: string }>(
      tx,
      sql`SELECT request_hash, response::text AS response FROM idempotency_keys WHERE ${ours}`,
    );
    if (first.request_hash !== hash)
      throw new Conflict('This Idempotency-Key was already used with a different body');
    return { json: first.response, replayed: true };
  }
  const json = await create();
  await tx.execute(sql`UPDATE idempotency_keys SET response = ${json}::jsonb WHERE ${ours}`);
  return { json, replayed: false };
}
