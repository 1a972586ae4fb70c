import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// address' }).max(2000);

const connectionFields = {
  /** The CalDAV server (its root, or any address on it: discovery finds the calendars). */
  url: httpUrl,
  username: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
  /** The calendar to sync, as `POST …/test` lists them; none until the user picks one. */
  calendarUrl: httpUrl.nullable(),
};

export const calendarConnectionInput = z
  .object({ ...connectionFields, calendarUrl: connectionFields.calendarUrl.optional() })
  .strict();
/** Only what is sent changes; another calendar starts its sync from the beginning. */
export const calendarConnectionPatch = z.object(connectionFields).partial().strict();
export type CalendarConnectionInput = z.infer<typeof calendarConnectionInput>;
export type CalendarConnectionPatch = z.infer<typeof calendarConnectionPatch>;

/** waiting: never synced; noCalendar: no calendar picked yet; stale: no success for an hour; failing: the last attempt failed. */
export const calendarHealthStates = ['noCalendar', 'waiting', 'ok', 'failing', 'stale'] as const;

export const calendarConnection = z
  .object({
    id: z.uuid(),
    url: z.string(),
    username: z.string(),
    passwordSet: z.boolean(),
    calendarUrl: z.string().nullable(),
    calendarName: z.string().nullable(),
    createdAt: z.string(),
    health: z.object({
      state: z.enum(calendarHealthStates),
      lastSuccessAt: z.string().nullable(),
      lastAttemptAt: z.string().nullable(),
      /** events read from the server, meetings created from them, meetings updated or binned from them, events written to the server, events that could not be read */
      seen: z.number().int(),
      imported: z.number().int(),
      updated: z.number().int(),
      pushed: z.number().int(),
      failed: z.number().int(),
      lastError: z.string().nullable(),
      /** what the last sync decided that the user should know: conflicts and who won, events skipped and why */
      log: z.array(z.string()),
    }),
  })
  .meta({ id: 'CalendarConnection' });
export type CalendarConnection = z.infer<typeof calendarConnection>;

export const calendarChoice = z.object({ url: z.string(), name: z.string() }).meta({ id: 'CalendarChoice' });
export type CalendarChoice = z.infer<typeof calendarChoice>;

/** What reaching the server found: its calendars, or why it could not be reached. */
export const connectionTest = z
  .object({ ok: z.boolean(), error: z.string().nullable(), calendars: z.array(calendarChoice) })
  .meta({ id: 'CalendarConnectionTest' });
export type ConnectionTest = z.infer<typeof connectionTest>;
