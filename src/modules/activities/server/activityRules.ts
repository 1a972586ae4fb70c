import { sql } from 'drizzle-orm';
import type { FieldError } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import {
  draftError,
  draftRecord,
  type Draft,
  type HookScope,
  type ObjectHooks,
  type WrittenRecord,
} from '../../../server/engine';
import type { ActivityType } from '../contract';
import { safeHtml } from './bodyHtml';
import { retouch } from './firstTouch';
import { nextOccurrence, recurrenceError } from './recurrence';

/** A reminder may be this late (clock skew, a slow form) and still be taken as "now". */
const reminderGraceMs = 60_000;

const changed = (draft: Draft, field: string) => Object.hasOwn(draft.changes, field);

function fillDefaults({ ctx }: HookScope, drafts: Draft[]) {
  for (const draft of drafts) {
    const { changes } = draft;
    if (!draft.before) {
      changes.bodyFormat ??= 'text';
      changes.done ??= false;
      if (!Object.hasOwn(changes, 'assigneeId') && ctx.actor.type !== 'system')
        changes.assigneeId = ctx.userId;
      // A call or a note logged without a time happened now; a task is due, not past.
      if (changes.type !== 'task' && changes.occurredAt == null && changes.dueAt == null)
        changes.occurredAt = new Date().toISOString();
    }
    const record = draftRecord(draft);
    if ((changed(draft, 'body') || changed(draft, 'bodyFormat')) && record.bodyFormat === 'html') {
      if (typeof record.body === 'string') changes.body = safeHtml(record.body);
    }
  }
}

function ruleErrors(_scope: HookScope, drafts: Draft[]): FieldError[] {
  const now = Date.now();
  return drafts.flatMap((draft) => {
    const record = draftRecord(draft);
    const errors: FieldError[] = [];
    if (changed(draft, 'recurrence') && typeof record.recurrence === 'string') {
      const problem = recurrenceError(record.recurrence);
      if (problem) errors.push(draftError(draft, 'recurrence', problem));
      else if (!record.dueAt && !record.occurredAt)
        errors.push(draftError(draft, 'recurrence', 'needs a due time (or a start) to repeat from'));
    }
    if (changed(draft, 'reminderAt') && typeof record.reminderAt === 'string') {
      if (Date.parse(record.reminderAt) < now - reminderGraceMs)
        errors.push(draftError(draft, 'reminderAt', 'is in the past; choose a time from now on'));
    }
    if (typeof record.durationMinutes === 'number' && record.durationMinutes < 0)
      errors.push(draftError(draft, 'durationMinutes', 'cannot be negative'));
    return errors;
  });
}

function stampDone(_scope: HookScope, drafts: Draft[]) {
  for (const draft of drafts) {
    if (!changed(draft, 'done')) continue;
    const was = draft.before?.done === true;
    if (draft.changes.done === true && !was) draft.changes.doneAt = new Date().toISOString();
    if (draft.changes.done === false && was) draft.changes.doneAt = null;
  }
}

/**
 * The index of "activities of record X" (the timeline's main source): one row per link, with the time
 * the activity sits at on timelines, rebuilt from the stored rows in the write's transaction.
 */
async function syncLinkRows({ ctx, tx }: HookScope, written: WrittenRecord[]) {
  const touched = written.filter(
    (w) =>
      w.operation !== 'update' ||
      w.changed.some((f) => ['links', 'occurredAt', 'dueAt', 'type', 'channel'].includes(f)),
  );
  if (touched.length === 0) return;
  const ws = ctx.workspace.id;
  const ids = `{${touched.map((w) => w.id).join(',')}}`;
  const removed = await rows<{ object: string; id: string }>(
    tx,
    sql`DELETE FROM activity_links WHERE workspace_id = ${ws} AND activity_id = ANY(${ids}::uuid[])
      RETURNING object, record_id AS id`,
  );
  const added = await rows<{ object: string; id: string }>(
    tx,
    sql`INSERT INTO activity_links (workspace_id, activity_id, object, record_id, at, type, channel)
    SELECT DISTINCT a.workspace_id, a.id, l->>'object', (l->>'id')::uuid, coalesce(a.occurred_at, a.due_at, a.created_at), a.type,
      lower(a.channel)
    FROM activities a CROSS JOIN LATERAL jsonb_array_elements(a.links) l
    WHERE a.workspace_id = ${ws} AND a.id = ANY(${ids}::uuid[]) AND a.deleted_at IS NULL
    RETURNING object, record_id AS id`,
  );
  // The linked records' first touch, before and after, follows in the same transaction.
  await retouch(tx, ws, [...removed, ...added]);
}

/** Completing a repeating task creates its next occurrence, which carries the rest of the series. */
async function createNextOccurrences({ records }: HookScope, written: WrittenRecord[]) {
  const completed = written.filter(
    (w) =>
      w.operation === 'update' &&
      w.after.done === true &&
      w.before?.done !== true &&
      typeof w.after.recurrence === 'string',
  );
  const next = completed.flatMap((w) => {
    const a = w.after;
    const current = new Date((a.dueAt ?? a.occurredAt) as string);
    const at = nextOccurrence(a.recurrence as string, current, current);
    if (!at) return [];
    const shift = at.getTime() - current.getTime();
    const moved = (v: unknown) =>
      typeof v === 'string' ? new Date(Date.parse(v) + shift).toISOString() : null;
    const rest = remainingRule(a.recurrence as string);
    const body = {
      type: a.type as ActivityType,
      subject: a.subject,
      body: a.body,
      bodyFormat: a.bodyFormat,
      priority: a.priority,
      assigneeId: a.assigneeId,
      links: a.links,
      participants: a.participants,
      durationMinutes: a.durationMinutes,
      dueAt: a.dueAt ? at.toISOString() : null,
      occurredAt: a.dueAt ? a.occurredAt : at.toISOString(),
      reminderAt: a.reminderAt ? moved(a.reminderAt) : null,
      recurrence: rest,
    };
    return [{ body: stripNulls(body), path: '' }];
  });
  if (next.length) await records.create('activities', next);
}

/** The rule the next occurrence carries: one fewer to go under COUNT; none when it is the last. */
function remainingRule(rule: string): string | null {
  const count = /COUNT=(\d+)/i.exec(rule);
  if (!count) return rule;
  const left = Number(count[1]) - 1;
  return left > 1 ? rule.replace(/COUNT=\d+/i, `COUNT=${left}`) : null;
}

const stripNulls = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));

export const activityHooks: ObjectHooks = {
  defaults: fillDefaults,
  validate: ruleErrors,
  beforeWrite: stampDone,
  async afterWrite(scope, written) {
    await syncLinkRows(scope, written);
    await createNextOccurrences(scope, written);
  },
};
