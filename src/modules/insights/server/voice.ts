import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { Conflict, NotFound, ValidationFailed } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { assertAdmin, type RequestContext } from '../../../server/engine';
import type {
  FeedbackItem,
  FeedbackStatus,
  feedbackInput,
  formEventsInput,
  KudosItem,
  kudosInput,
  usefulnessInput,
} from '../contract';

/** What users say: the monthly usefulness question, feedback with its status, kudos, and form friction. */

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
export const monthOf = (at: Date) => at.toISOString().slice(0, 7);

/** A user is asked once they have used Rapport this long: the question needs some experience to answer. */
export const askAfterDays = 7;

/** Due when the user has not answered this month and has had their account for `askAfterDays`. */
export async function usefulnessDue(ctx: RequestContext, now = new Date()) {
  const month = monthOf(now);
  const [found] = await ctx.db.read((x) =>
    rows<{ due: boolean }>(
      x,
      sql`SELECT u.created_at <= ${now.toISOString()}::timestamptz - make_interval(days => ${askAfterDays}) AND NOT EXISTS (
          SELECT 1 FROM usefulness_responses r
          WHERE r.workspace_id = u.workspace_id AND r.user_id = u.id AND r.month = ${month}) AS due
        FROM users u WHERE u.workspace_id = ${ctx.workspace.id} AND u.id = ${ctx.userId}`,
    ),
  );
  return { due: found?.due ?? false, month };
}

/** One answer per user and month: a second one the same month is a 409 and changes nothing. */
export async function answerUsefulness(ctx: RequestContext, input: z.infer<typeof usefulnessInput>) {
  const month = monthOf(new Date());
  const saved = await ctx.db.write((tx) =>
    rows<{ id: string }>(
      tx,
      sql`INSERT INTO usefulness_responses (workspace_id, id, user_id, month, rating, comment)
        VALUES (${ctx.workspace.id}, ${uuidv7()}, ${ctx.userId}, ${month}, ${input.rating}, ${input.comment || null})
        ON CONFLICT (workspace_id, user_id, month) DO NOTHING RETURNING id`,
    ),
  );
  if (saved.length === 0)
    throw new Conflict(`You already answered for ${month}; the question comes back next month`);
  return { id: saved[0].id, month, rating: input.rating, comment: input.comment || null };
}

const feedbackColumns = sql`f.id, f.author_id AS "authorId", coalesce(u.name, '') AS "authorName", f.page, f.object, f.field,
  f.comment, f.status, ${iso('f.created_at')} AS "createdAt", ${iso('f.updated_at')} AS "updatedAt"`;
const feedbackFrom = sql`feedback f LEFT JOIN users u ON u.workspace_id = f.workspace_id AND u.id = f.author_id`;

export async function fileFeedback(
  ctx: RequestContext,
  input: z.infer<typeof feedbackInput>,
): Promise<FeedbackItem> {
  const id = uuidv7();
  return ctx.db.write(async (tx) => {
    await tx.execute(
      sql`INSERT INTO feedback (workspace_id, id, author_id, page, object, field, comment)
        VALUES (${ctx.workspace.id}, ${id}, ${ctx.userId}, ${input.page}, ${input.object ?? null}, ${input.field ?? null}, ${input.comment})`,
    );
    const [item] = await rows<FeedbackItem>(
      tx,
      sql`SELECT ${feedbackColumns} FROM ${feedbackFrom} WHERE f.workspace_id = ${ctx.workspace.id} AND f.id = ${id}`,
    );
    return item;
  });
}

/** Admins see the whole inbox; everyone else their own feedback, with the status admins gave it. Newest first. */
export async function listFeedback(
  ctx: RequestContext,
  options: { status?: FeedbackStatus; before?: string; limit: number },
): Promise<{ data: FeedbackItem[]; nextCursor: string | null }> {
  const where = [sql`f.workspace_id = ${ctx.workspace.id}`];
  if (ctx.role !== 'admin') where.push(sql`f.author_id = ${ctx.userId}`);
  if (options.status) where.push(sql`f.status = ${options.status}`);
  if (options.before) {
    const [at, id] = Buffer.from(options.before, 'base64url').toString().split('|');
    if (!id || Number.isNaN(Date.parse(at)))
      throw new ValidationFailed('Invalid cursor', [
        { path: 'cursor', message: 'is not a cursor of this list' },
      ]);
    where.push(sql`(f.created_at, f.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const found = await ctx.db.read((x) =>
    rows<FeedbackItem>(
      x,
      sql`SELECT ${feedbackColumns} FROM ${feedbackFrom} WHERE ${sql.join(where, sql` AND `)}
        ORDER BY f.created_at DESC, f.id DESC LIMIT ${options.limit + 1}`,
    ),
  );
  const data = found.slice(0, options.limit);
  const last = data.at(-1);
  const nextCursor =
    found.length > options.limit && last
      ? Buffer.from(`${last.createdAt}|${last.id}`).toString('base64url')
      : null;
  return { data, nextCursor };
}

export async function setFeedbackStatus(ctx: RequestContext, id: string, status: FeedbackStatus) {
  assertAdmin(ctx);
  return ctx.db.write(async (tx) => {
    const [item] = await rows<FeedbackItem>(
      tx,
      sql`WITH changed AS (UPDATE feedback SET status = ${status}, updated_at = now()
          WHERE workspace_id = ${ctx.workspace.id} AND id = ${id} RETURNING *)
        SELECT ${feedbackColumns} FROM changed f
          LEFT JOIN users u ON u.workspace_id = f.workspace_id AND u.id = f.author_id`,
    );
    if (!item) throw new NotFound(`No feedback with id ${id}`);
    return item;
  });
}

const kudosColumns = sql`k.id, coalesce(a.name, '') AS "fromName", coalesce(b.name, '') AS "toName", k.practice, k.message,
  ${iso('k.given_at')} AS "givenAt"`;
const kudosFrom = sql`kudos k LEFT JOIN users a ON a.workspace_id = k.workspace_id AND a.id = k.from_user_id
  LEFT JOIN users b ON b.workspace_id = k.workspace_id AND b.id = k.to_user_id`;

export async function giveKudos(ctx: RequestContext, input: z.infer<typeof kudosInput>): Promise<KudosItem> {
  if (input.toUserId === ctx.userId)
    throw new ValidationFailed('Kudos go to someone else', [
      { path: 'toUserId', message: 'cannot be yourself' },
    ]);
  const id = uuidv7();
  return ctx.db.write(async (tx) => {
    const inserted = await rows(
      tx,
      sql`INSERT INTO kudos (workspace_id, id, from_user_id, to_user_id, practice, message)
        SELECT ${ctx.workspace.id}, ${id}, ${ctx.userId}, u.id, ${input.practice}, ${input.message || null}
        FROM users u WHERE u.workspace_id = ${ctx.workspace.id} AND u.id = ${input.toUserId} AND NOT u.disabled
        RETURNING id`,
    );
    if (inserted.length === 0)
      throw new ValidationFailed('No such colleague', [
        { path: 'toUserId', message: 'is not a user of this workspace' },
      ]);
    const [item] = await rows<KudosItem>(
      tx,
      sql`SELECT ${kudosColumns} FROM ${kudosFrom} WHERE k.workspace_id = ${ctx.workspace.id} AND k.id = ${id}`,
    );
    return item;
  });
}

export async function recentKudos(ctx: RequestContext): Promise<KudosItem[]> {
  return ctx.db.read((x) =>
    rows<KudosItem>(
      x,
      sql`SELECT ${kudosColumns} FROM ${kudosFrom} WHERE k.workspace_id = ${ctx.workspace.id}
        ORDER BY k.given_at DESC, k.id DESC LIMIT 50`,
    ),
  );
}

export async function recordFormEvents(ctx: RequestContext, input: z.infer<typeof formEventsInput>) {
  const values = input.events.map(
    (e) =>
      sql`(${ctx.workspace.id}::uuid, ${uuidv7()}::uuid, ${ctx.userId}::uuid, ${e.object}, ${e.field ?? null}, ${e.kind}, ${e.durationMs ?? null}::int)`,
  );
  await ctx.db.write((tx) =>
    tx.execute(
      sql`INSERT INTO form_events (workspace_id, id, user_id, object, field, kind, duration_ms) VALUES ${sql.join(values, sql`, `)}`,
    ),
  );
}
