import { z } from 'zod';

/** The ways a person may be reached, each with its own consent. */
export const consentChannels = ['email', 'phone', 'sms', 'post', 'messaging'] as const;
export type ConsentChannel = (typeof consentChannels)[number];
export const consentStatuses = ['granted', 'withdrawn'] as const;
export type ConsentStatus = (typeof consentStatuses)[number];

const channelMessage = `is not a channel; one of ${consentChannels.join(', ')}`;
const statusMessage = `is not a consent status; one of ${consentStatuses.join(', ')}`;

export const consentInput = z
  .object({
    channel: z.enum(consentChannels, { message: channelMessage }),
    status: z.enum(consentStatuses, { message: statusMessage }),
    /** where the consent was given or withdrawn: "web form", "phone call", "import" */
    source: z.string().trim().min(1, 'say where the consent came from').max(200),
  })
  .strict()
  .meta({ id: 'ConsentInput' });
export type ConsentInput = z.infer<typeof consentInput>;

/** One recorded change of a person's consent on one channel; the latest per channel is the current one. */
export const consent = z
  .object({
    id: z.uuid(),
    channel: z.enum(consentChannels),
    status: z.enum(consentStatuses),
    source: z.string(),
    recordedAt: z.string(),
    recordedBy: z.uuid().nullable(),
    recordedByName: z.string().nullable(),
  })
  .meta({ id: 'Consent' });
export type Consent = z.infer<typeof consent>;

export const consentsAnswer = z.object({
  /** the latest consent per channel; channels never recorded are absent */
  current: z.array(consent),
  /** every change, newest first (at most 500) */
  history: z.array(consent),
});
export type ConsentsAnswer = z.infer<typeof consentsAnswer>;

/** An erasure asks for the person's full name (or the contact's id) to be typed, against accidents. */
export const eraseInput = z.object({ confirm: z.string().max(500).optional() }).strict();

export const erasureSummary = z.object({
  contactId: z.uuid(),
  fieldsCleared: z.array(z.string()),
  historyEntriesScrubbed: z.number().int(),
  activitiesScrubbed: z.number().int(),
  activitiesShared: z.number().int(),
  consentsRemoved: z.number().int(),
});
export type ErasureSummary = z.infer<typeof erasureSummary>;

export const retentionActions = ['flag', 'erase'] as const;
export type RetentionAction = (typeof retentionActions)[number];

/** `retentionYears` null: no retention rule. */
export const privacySettings = z.object({
  retentionYears: z.number().int().min(1).max(100).nullable(),
  retentionAction: z.enum(retentionActions),
});
export type PrivacySettings = z.infer<typeof privacySettings>;
export const privacySettingsInput = z
  .object({
    retentionYears: z.number().int().min(1).max(100).nullable().optional(),
    retentionAction: z.enum(retentionActions).optional(),
  })
  .strict();

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};
export const retentionQuery = z.object(pageQuery).strict();
export const auditQuery = z.object(pageQuery).strict();

/** A contact with no activity and no change for the retention period. */
export const retentionCandidate = z.object({
  contactId: z.uuid(),
  name: z.string(),
  updatedAt: z.string(),
  lastActivityAt: z.string().nullable(),
  flaggedAt: z.string().nullable(),
});
export type RetentionCandidate = z.infer<typeof retentionCandidate>;
export const retentionPage = z.object({
  retentionYears: z.number().int().nullable(),
  data: z.array(retentionCandidate),
  nextCursor: z.string().nullable(),
});

export const auditActions = ['consent', 'export', 'erase', 'retention'] as const;
export type AuditAction = (typeof auditActions)[number];
export const auditEntry = z.object({
  id: z.uuid(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.enum(auditActions),
  contactId: z.uuid().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditPage = z.object({ data: z.array(auditEntry), nextCursor: z.string().nullable() });
