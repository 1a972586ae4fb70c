import { z } from 'zod';
import { recordLink } from '../../common/recordLink';

/** What of a captured message the team sees: who wrote to whom and when, that plus the subject, or everything. */
export const mailPrivacies = ['metadata', 'subject', 'body'] as const;
export type MailPrivacy = (typeof mailPrivacies)[number];
export const mailPrivacyLabels: Record<MailPrivacy, string> = {
  metadata: 'Sender, recipients and date only',
  subject: 'Also the subject',
  body: 'The whole message',
};

const host = z.string().trim().min(1).max(253);
const port = z.number().int().min(1).max(65535);
const emailAddress = z.email({ message: 'must be an email address' }).max(320);

export const smtpSettings = z
  .object({
    host,
    port,
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean(),
    user: z.string().max(320).nullable(),
    passwordSet: z.boolean(),
    fromAddress: emailAddress,
    fromName: z.string().max(200).nullable(),
  })
  .meta({ id: 'SmtpSettings' });

export const mailSettings = z
  .object({
    /** Mail sent, forwarded or BCC'd here is captured. */
    inboundAddress: z.string(),
    listener: z.object({ enabled: z.boolean(), port: z.number().int().nullable() }),
    privacy: z.enum(mailPrivacies),
    smtp: smtpSettings.nullable(),
  })
  .meta({ id: 'MailSettings' });
export type MailSettings = z.infer<typeof mailSettings>;

export const smtpSettingsInput = z
  .object({
    host,
    port,
    secure: z.boolean().default(false),
    user: z.string().max(320).nullable().optional(),
    /** Absent keeps the stored password; null removes it. */
    password: z.string().max(1000).nullable().optional(),
    fromAddress: emailAddress,
    fromName: z.string().max(200).nullable().optional(),
  })
  .strict();

export const mailSettingsInput = z
  .object({ privacy: z.enum(mailPrivacies).optional(), smtp: smtpSettingsInput.nullable().optional() })
  .strict();
export type MailSettingsInput = z.infer<typeof mailSettingsInput>;

export const mailAddress = z.object({ address: z.string(), name: z.string() });
export type MailAddress = z.infer<typeof mailAddress>;

export const mailSources = ['smtp', 'imap', 'sent'] as const;

export const reviewItem = z
  .object({
    id: z.uuid(),
    messageId: z.string(),
    from: mailAddress.nullable(),
    to: z.array(mailAddress),
    cc: z.array(mailAddress),
    subject: z.string().nullable(),
    sentAt: z.string().nullable(),
    receivedAt: z.string(),
    source: z.enum(mailSources),
    mailboxId: z.uuid().nullable(),
    /** Why the message could be read only in part (broken MIME). */
    problem: z.string().nullable(),
    attachments: z.number().int(),
  })
  .meta({ id: 'MailReviewItem' });
export type ReviewItem = z.infer<typeof reviewItem>;

export const pageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const reviewLinkInput = z.object({ contactId: z.uuid({ message: 'must be a contact id' }) }).strict();
export const reviewCreateContactInput = z
  .object({
    firstName: z.string().trim().max(200).optional(),
    lastName: z.string().trim().max(200).optional(),
    accountId: z.uuid().optional(),
  })
  .strict();
export const reviewOutcome = z.object({
  activityId: z.uuid(),
  contactId: z.uuid(),
});

const mailboxFields = {
  host,
  port,
  secure: z.boolean(),
  user: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
  folder: z.string().trim().min(1).max(200),
  privacy: z.enum(mailPrivacies),
};
export const mailboxInput = z
  .object({
    ...mailboxFields,
    secure: mailboxFields.secure.default(true),
    folder: mailboxFields.folder.default('INBOX'),
    privacy: mailboxFields.privacy.default('body'),
  })
  .strict();
/** Only what is sent changes: no defaults here. */
export const mailboxPatch = z.object(mailboxFields).partial().strict();

export const mailboxHealthStates = ['waiting', 'ok', 'failing', 'stale'] as const;

export const mailbox = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    host: z.string(),
    port: z.number().int(),
    secure: z.boolean(),
    user: z.string(),
    folder: z.string(),
    privacy: z.enum(mailPrivacies),
    passwordSet: z.boolean(),
    health: z.object({
      /** waiting: never synced yet; stale: no successful sync for an hour; failing: the last attempt failed. */
      state: z.enum(mailboxHealthStates),
      lastSuccessAt: z.string().nullable(),
      lastAttemptAt: z.string().nullable(),
      seen: z.number().int(),
      imported: z.number().int(),
      waitingForReview: z.number().int(),
      failed: z.number().int(),
      lastError: z.string().nullable(),
    }),
  })
  .meta({ id: 'Mailbox' });
export type Mailbox = z.infer<typeof mailbox>;

export const emailTemplateInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    subject: z.string().max(998),
    body: z.string().max(200_000),
    bodyFormat: z.enum(['text', 'html']).default('text'),
  })
  .strict();
export const emailTemplate = z
  .object({
    id: z.uuid(),
    name: z.string(),
    subject: z.string(),
    body: z.string(),
    bodyFormat: z.enum(['text', 'html']),
    updatedAt: z.string(),
  })
  .meta({ id: 'EmailTemplate' });
export type EmailTemplate = z.infer<typeof emailTemplate>;

/** Merge fields a template may use: `{{contact.firstName}}`, `{{account.name}}`, `{{user.name}}`. */
export const mergeFieldPattern = /\{\{\s*([a-zA-Z]+)\.([a-zA-Z0-9]+)\s*\}\}/g;

export const sendEmailInput = z
  .object({
    /** The record the email is sent from; it is linked to the logged activity. */
    record: recordLink,
    /** The contact the email is for: its address is the default recipient and its fields the merge fields. */
    contactId: z.uuid().optional(),
    to: z.array(emailAddress).max(50).optional(),
    cc: z.array(emailAddress).max(50).optional(),
    templateId: z.uuid().optional(),
    subject: z.string().max(998).optional(),
    body: z.string().max(200_000).optional(),
    bodyFormat: z.enum(['text', 'html']).optional(),
    /** The id of an email activity this answers: the reply goes in its thread. */
    inReplyTo: z.uuid().optional(),
  })
  .strict();
export type SendEmailInput = z.infer<typeof sendEmailInput>;
export const sentEmail = z.object({ activityId: z.uuid(), messageId: z.string(), to: z.array(z.string()) });
