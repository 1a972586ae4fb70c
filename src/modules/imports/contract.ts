import { z } from 'zod';

export const importStatuses = ['queued', 'running', 'done', 'failed', 'cancelled', 'undone'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export const matchActions = ['skip', 'update', 'create'] as const;

/**
 * Which existing record a row is: a field compared without case (`email`, `domain`, an external id
 * field), or `name` for contacts: first and last name within the row's account.
 */
export const importMatch = z
  .object({ field: z.string().min(1).max(100), onMatch: z.enum(matchActions) })
  .strict();
export type ImportMatch = z.infer<typeof importMatch>;

/**
 * Column header → field; `account.<field>` finds or creates the row's account by that field, and for
 * contacts `deal.<field>` finds (by name within the account) or creates the row's deal and gives the
 * contact a role in it (`deal.role`: decision maker, champion, influencer, user or blocker; influencer
 * when not given).
 */
export const importMapping = z.record(z.string().max(500), z.string().min(1).max(200));
export type ImportMapping = z.infer<typeof importMapping>;

/** The multipart fields of an import beside `file`, after their JSON is parsed. */
export const importOptions = z
  .object({
    object: z.string().min(1).max(100),
    mapping: importMapping.optional(),
    match: importMatch.optional(),
    dryRun: z.boolean().default(false),
  })
  .strict();
export type ImportOptions = z.infer<typeof importOptions>;

export const importCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
});

export const importRowError = z.object({
  row: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;

/** How many rows a column's values were refused in (an error naming the field a column is mapped to). */
export const invalidValues = z.object({
  /** the field, `account.<field>` or `deal.<field>` for an account's or a deal's column */
  field: z.string(),
  /** the file's column mapped to the field, or null when no column is (a required value missing) */
  column: z.string().nullable(),
  count: z.number().int(),
});
export type InvalidValues = z.infer<typeof invalidValues>;

export const importState = z.object({
  id: z.uuid(),
  object: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx', 'vcard']),
  status: z.enum(importStatuses),
  dryRun: z.boolean(),
  mapping: importMapping,
  match: importMatch.nullable(),
  /** data rows in the file (empty rows not counted), once the job has counted them */
  total: z.number().int().nullable(),
  /** data rows handled so far */
  processed: z.number().int(),
  counts: importCounts,
  /** deals created from `deal.<field>` columns (that would be, in a dry run) */
  dealsCreated: z.number().int(),
  /** rows whose new record is likely a duplicate of an earlier record (flagged in the log, queued for review) */
  possibleDuplicates: z.number().int(),
  /** the first 1,000 row errors, by row */
  errors: z.array(importRowError),
  /** refused values per field, most first, counted over every rejected row once the import is over (null while it runs) */
  invalidValues: z.array(invalidValues).nullable(),
  failure: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportState = z.infer<typeof importState>;

export const importPreviewRow = z.object({
  row: z.number().int(),
  values: z.record(z.string(), z.unknown()),
  errors: z.array(importRowError),
});

export const importPreview = z.object({
  format: z.enum(['csv', 'xlsx', 'vcard']),
  headers: z.array(z.string()),
  /** header → field, from header names and sample values */
  suggestedMapping: importMapping,
  /** the first rows as they would be stored with the mapping given (or suggested), with their errors */
  rows: z.array(importPreviewRow),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const savedMappingInput = z
  .object({
    object: z.string().min(1).max(100),
    name: z.string().trim().min(1).max(200),
    mapping: importMapping,
    match: importMatch.nullable().default(null),
  })
  .strict();
export const savedMapping = savedMappingInput.extend({ id: z.uuid(), createdAt: z.string() });
export type SavedMapping = z.infer<typeof savedMapping>;

/** A contact's photo kept from a vCard file by an import. */
export const contactPhoto = z.object({
  id: z.uuid(),
  fileName: z.string(),
  /** image/jpeg, image/png, image/gif or image/webp, from the bytes */
  contentType: z.string(),
  size: z.number().int(),
  importId: z.uuid(),
  createdAt: z.string(),
  /** downloads the image */
  url: z.string(),
});
export type ContactPhoto = z.infer<typeof contactPhoto>;
