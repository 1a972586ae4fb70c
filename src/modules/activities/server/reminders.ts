import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows, type Database } from '../../../server/db/database';
import type { Jobs } from '../../../server/jobs/queue';
import type { Platform } from '../../../server/platform';
import type { Notification } from '../contract';
import type { NotificationBus } from './notificationBus';

export const reminderQueue = 'activities.reminder';

interface ReminderJob {
  [key: string]: unknown;
  workspaceId: string;
  activityId: string;
  /** the reminder time the job was scheduled for; a job for an older time does nothing */
  reminderAt: string;
}

interface ReminderTarget {
  reminder_at: string | null;
  user_id: string | null;
  title: string;
}

const isoAt = sql.raw(`to_char(a.reminder_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * Schedules the reminder of an activity on the durable queue, at its time. The job's key is the
 * activity and the time: scheduling twice (an event delivered twice) makes one job; a new time makes a
 * new job, and the old one finds the time changed and does nothing.
 */
async function scheduleReminder(db: Database, jobs: Jobs, workspaceId: string, activityId: string) {
  const [row] = await db.read((x) =>
    rows<{ reminder_at: string | null }>(
      x,
      sql`SELECT ${isoAt} AS reminder_at FROM activities a
        WHERE a.workspace_id = ${workspaceId} AND a.id = ${activityId} AND a.deleted_at IS NULL AND NOT a.done`,
    ),
  );
  if (!row?.reminder_at) return;
  const job: ReminderJob = { workspaceId, activityId, reminderAt: row.reminder_at };
  await jobs.send(reminderQueue, job, {
    startAfter: new Date(row.reminder_at),
    key: `${activityId}@${row.reminder_at}`,
  });
}

/**
 * Fires one reminder: a notification row for the assignee (the owner when there is none), unique by
 * activity and time, so a job that runs again after a crash or a restart notifies no one twice.
 */
export async function fireReminder(db: Database, bus: NotificationBus, job: ReminderJob) {
  const { workspaceId, activityId, reminderAt } = job;
  const inserted = await db.write(async (tx) => {
    const [target] = await rows<ReminderTarget>(
      tx,
      sql`SELECT ${isoAt} AS reminder_at, coalesce(a.assignee_id, a.owner_id) AS user_id,
          coalesce(nullif(a.subject, ''), initcap(a.type)) AS title
        FROM activities a
        WHERE a.workspace_id = ${workspaceId} AND a.id = ${activityId} AND a.deleted_at IS NULL AND NOT a.done`,
    );
    if (!target || target.reminder_at !== reminderAt || !target.user_id) return null;
    const [row] = await rows<Notification & { userId: string }>(
      tx,
      sql`INSERT INTO notifications (workspace_id, id, user_id, kind, title, activity_id, dedupe_key)
        VALUES (${workspaceId}, ${uuidv7()}, ${target.user_id}, 'reminder', ${target.title}, ${activityId}, ${`reminder:${activityId}@${reminderAt}`})
        ON CONFLICT (workspace_id, dedupe_key) DO NOTHING
        RETURNING id, kind, title, activity_id AS "activityId", user_id AS "userId",
          to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, NULL AS "readAt"`,
    );
    return row ?? null;
  });
  if (inserted) {
    const { userId, ...notification } = inserted;
    bus.publish(workspaceId, userId, notification);
  }
}

/** Reminders follow every committed change of an activity's reminder time, done flag or bin state. */
export function defineReminders(platform: Platform, bus: NotificationBus) {
  const { db, jobs, events } = platform;
  jobs.define<ReminderJob>(reminderQueue, (job) => fireReminder(db, bus, job), {
    batchSize: 500,
    retryLimit: 5,
    expireInSeconds: 60,
  });
  events.subscribe(
    'activity-reminders',
    { objects: ['activities'], types: ['created', 'updated', 'restored', 'imported', 'merged'] },
    async (event) => {
      if (event.type === 'updated' && !event.fields.includes('reminderAt')) return;
      await scheduleReminder(db, jobs, event.workspaceId, event.recordId);
    },
    { batchSize: 500 },
  );
}
