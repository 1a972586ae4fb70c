import { z } from 'zod';

/** Every channel a customer talks to the company through, plus the rep's own notes and tasks. */
export const activityTypes = [
  'call',
  'meeting',
  'email',
  'note',
  'task',
  'sms',
  'visit',
  'chat',
  'social',
] as const;
export type ActivityType = (typeof activityTypes)[number];
export const activityTypeLabels: Record<ActivityType, string> = {
  call: 'Call',
  meeting: 'Meeting',
  email: 'Email',
  note: 'Note',
  task: 'Task',
  sms: 'SMS',
  visit: 'Visit',
  chat: 'Chat',
  social: 'Social',
};

/** Conversations with the customer; notes and tasks are the company's own memory, not interactions. */
export const interactionTypes: readonly ActivityType[] = [
  'call',
  'meeting',
  'email',
  'sms',
  'visit',
  'chat',
  'social',
];

export const directions = ['inbound', 'outbound'] as const;
export type Direction = (typeof directions)[number];

export const bodyFormats = ['text', 'html'] as const;
export type BodyFormat = (typeof bodyFormats)[number];

/** How a call (or a visit, a chat) ended. */
export const outcomes = ['connected', 'voicemail', 'noAnswer', 'busy', 'wrongNumber', 'leftMessage'] as const;
export const outcomeLabels: Record<(typeof outcomes)[number], string> = {
  connected: 'Connected',
  voicemail: 'Voicemail',
  noAnswer: 'No answer',
  busy: 'Busy',
  wrongNumber: 'Wrong number',
  leftMessage: 'Left a message',
};

export const priorities = ['low', 'normal', 'high'] as const;
export type Priority = (typeof priorities)[number];

/** Someone who took part: a user, a contact, or an address known only by email. */
export const participant = z
  .object({
    userId: z.uuid({ message: 'must be a user id' }).optional(),
    contactId: z.uuid({ message: 'must be a contact id' }).optional(),
    email: z.email({ message: 'is not a valid email address' }).max(320).optional(),
    name: z.string().trim().min(1).max(300).optional(),
    role: z.enum(['organizer', 'required', 'optional', 'from', 'to', 'cc', 'bcc']).optional(),
  })
  .strict()
  .refine((p) => p.userId || p.contactId || p.email, 'needs a userId, a contactId or an email')
  .meta({ id: 'ActivityParticipant' });
export type Participant = z.infer<typeof participant>;
export const participants = z.array(participant).max(200);

/** Where an activity's file came from: uploaded to it, or captured with its email. */
export const attachmentSources = ['upload', 'mail'] as const;

/** A file on an activity; `url` downloads it (always as an attachment, never shown as a page). */
export const attachmentSummary = z
  .object({ id: z.uuid(), fileName: z.string(), size: z.number().int(), url: z.string() })
  .meta({ id: 'AttachmentSummary' });
export type AttachmentSummary = z.infer<typeof attachmentSummary>;

export const attachment = attachmentSummary
  .extend({
    activityId: z.uuid(),
    /** sniffed from the first bytes, whatever the name or the uploader said */
    contentType: z.string(),
    sha256: z.string(),
    source: z.enum(attachmentSources),
    /** the uploader (null for a file captured with an email) */
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof attachment>;
export const attachmentList = z.object({ data: z.array(attachment) });
export type AttachmentList = z.infer<typeof attachmentList>;

/** One entry of a record's timeline: an activity, a change of fields, or a deal's move to another stage. */
export const timelineKinds = ['activity', 'fieldChange', 'stageChange'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineEntry = z
  .object({
    kind: z.enum(timelineKinds),
    at: z.string(),
    title: z.string(),
    /** the record the entry is: the activity, or the record whose fields or stage changed */
    object: z.string().optional(),
    id: z.string().optional(),
    actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string() }).optional(),
    /** an activity's type, direction, done flag and a short excerpt of its body */
    type: z.enum(activityTypes).optional(),
    direction: z.enum(directions).nullable().optional(),
    done: z.boolean().optional(),
    excerpt: z.string().nullable().optional(),
    /** the records an activity is linked to */
    links: z.array(z.object({ object: z.string(), id: z.string() })).optional(),
    /** a field change's fields (those shown on timelines), from and to */
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })).optional(),
    /** a stage change's new stage */
    toStage: z.string().nullable().optional(),
    /** an activity's files */
    attachments: z.array(attachmentSummary).optional(),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const timelinePage = z.object({ data: z.array(timelineEntry), nextCursor: z.string().nullable() });
export type TimelinePage = z.infer<typeof timelinePage>;

const typeList = [...activityTypes, ...timelineKinds] as readonly string[];
export const timelineQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
    /** activity types and entry kinds, comma-separated: `call,meeting,stageChange` */
    types: z
      .string()
      .max(500)
      .transform((v) =>
        v
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().refine((t) => typeList.includes(t), `must be one of: ${typeList.join(', ')}`)))
      .optional(),
    interactionsOnly: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** only activities on this channel (`WhatsApp`, `LinkedIn`...), whatever its case */
    channel: z.string().trim().min(1).max(60).optional(),
  })
  .strict();
export type TimelineQuery = z.infer<typeof timelineQuery>;

/** A short activity as My day lists it. */
export const dayItem = z
  .object({
    id: z.string(),
    type: z.enum(activityTypes),
    subject: z.string().nullable(),
    occurredAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    done: z.boolean(),
    priority: z.enum(priorities).nullable(),
    links: z.array(z.object({ object: z.string(), id: z.string() })),
  })
  .meta({ id: 'DayItem' });
export type DayItem = z.infer<typeof dayItem>;

export const myDay = z.object({
  date: z.string(),
  timeZone: z.string(),
  dueToday: z.array(dayItem),
  overdue: z.array(dayItem),
  meetings: z.array(dayItem),
  callList: z.array(dayItem),
});
export type MyDay = z.infer<typeof myDay>;

export const calendarFeed = z.object({ url: z.string() });

/** An IANA time zone name, as the day and the morning email are told in. */
export const ianaTimeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'is not an IANA time zone such as Europe/Paris');

/** The morning email of one's day: off, or on at an hour of a time zone. */
export const digestSetting = z.object({
  enabled: z.boolean(),
  timeZone: z.string().nullable(),
  hour: z.number().int().nullable(),
});
export type DigestSetting = z.infer<typeof digestSetting>;
export const digestInput = z
  .object({
    timeZone: ianaTimeZone,
    hour: z.number().int().min(0).max(23).default(7),
  })
  .strict();

/** What a notification is about: a reminder that fired, a mailbox that stopped syncing, a quote's approval. */
export const notificationKinds = ['reminder', 'mailboxStale', 'quoteApproval'] as const;
export const notificationKindLabels: Record<(typeof notificationKinds)[number], string> = {
  reminder: 'Reminder',
  mailboxStale: 'Mailbox',
  quoteApproval: 'Quote approval',
};

/** A notification waiting for its user. */
export const notification = z
  .object({
    id: z.string(),
    kind: z.enum(notificationKinds),
    title: z.string(),
    activityId: z.string().nullable(),
    at: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notification>;

/** A meeting's invitation: to the addresses given, or to its participants and linked contacts with an email. */
export const meetingInvite = z
  .object({
    to: z
      .array(z.email({ message: 'is not a valid email address' }).max(320))
      .min(1)
      .max(50)
      .optional(),
    /** a note above the meeting's details */
    message: z.string().max(5000).optional(),
  })
  .strict();
export type MeetingInvite = z.infer<typeof meetingInvite>;
export const invitationSent = z.object({
  activityId: z.uuid(),
  messageId: z.string(),
  to: z.array(z.string()),
});
