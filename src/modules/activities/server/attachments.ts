import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, Forbidden, NotFound, ValidationFailed } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import { assertCanWrite, getRecordJson, type RequestContext } from '../../../server/engine';
import { safeFileName } from '../../../server/files/download';
import { sniffContentType } from '../../../server/files/sniff';
import type { Platform } from '../../../server/platform';
import type { Attachment } from '../contract';

export class AttachmentTooLarge extends DomainError {
  constructor(maxBytes: number) {
    const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    super(413, 'Payload too large', `The file is larger than ${mb} MB, the most an attachment may be`, [
      { path: 'file', message: `is larger than ${mb} MB` },
    ]);
  }
}

/** Counts, hashes and keeps the first bytes (for sniffing) of a file passing through to the store. */
class FileProbe extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');
  private head = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.head.length < 4096)
      this.head = Buffer.concat([this.head, chunk.subarray(0, 4096 - this.head.length)]);
    done(null, chunk);
  }

  result() {
    return { size: this.size, sha256: this.hash.digest('hex'), contentType: sniffContentType(this.head) };
  }
}

const keyOf = (workspaceId: string, id: string) => `activities/${workspaceId}/${id}`;

/** The activity as the caller sees it: a 404 for one they may not see, in any workspace but theirs. */
async function seeActivity(platform: Platform, ctx: RequestContext, activityId: string) {
  const objects = await platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
  await getRecordJson(ctx, objects.get('activities')!, activityId);
}

const columns = sql`a.id, a.activity_id AS "activityId", a.file_name AS "fileName", a.content_type AS "contentType",
  a.size::float8 AS size, a.sha256, 'upload' AS source, a.created_by AS "createdBy",
  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  '/api/v1/attachments/' || a.id AS url`;

/**
 * Streams the multipart `file` into the store (never whole into memory), hashing it and sniffing its
 * first bytes on the way, then records it. Over the limit it is a 413 and nothing is kept.
 */
export async function attachFile(
  platform: Platform,
  ctx: RequestContext,
  activityId: string,
  request: FastifyRequest,
): Promise<Attachment> {
  assertCanWrite(ctx);
  await seeActivity(platform, ctx, activityId);
  const maxBytes = platform.settings.RAPPORT_ATTACHMENT_MAX_BYTES;
  if (!request.isMultipart())
    throw new ValidationFailed('Send the file as multipart/form-data', [
      { path: 'file', message: 'is required' },
    ]);
  const id = uuidv7();
  const key = keyOf(ctx.workspace.id, id);
  let received: ({ fileName: string; declaredType: string | null } & ReturnType<FileProbe['result']>) | null =
    null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || received) {
        part.file.resume();
        continue;
      }
      const probe = new FileProbe();
      part.file.on('limit', () => probe.destroy(new AttachmentTooLarge(maxBytes)));
      part.file.on('error', (error) => probe.destroy(error));
      await platform.files.put(key, part.file.pipe(probe));
      received = {
        fileName: safeFileName(part.filename),
        declaredType: part.mimetype || null,
        ...probe.result(),
      };
    }
  } catch (error) {
    await platform.files.remove(key);
    if (error instanceof DomainError) throw error;
    if (error instanceof Error && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AttachmentTooLarge(maxBytes);
    throw new ValidationFailed('The upload could not be read', [
      { path: 'file', message: (error as Error).message },
    ]);
  }
  if (!received) throw new ValidationFailed('No file was sent', [{ path: 'file', message: 'is required' }]);
  const file = received;
  try {
    const [row] = await ctx.db.write((tx) =>
      rows<Attachment>(
        tx,
        sql`WITH a AS (INSERT INTO activity_attachments (workspace_id, id, activity_id, file_name, declared_type,
            content_type, size, sha256, storage_key, created_by)
          VALUES (${ctx.workspace.id}, ${id}, ${activityId}, ${file.fileName}, ${file.declaredType},
            ${file.contentType}, ${file.size}, ${file.sha256}, ${key}, ${ctx.userId}) RETURNING *)
          SELECT ${columns} FROM a`,
      ),
    );
    return row!;
  } catch (error) {
    await platform.files.remove(key);
    throw error;
  }
}

/**
 * An activity's files, oldest first: those uploaded to it and those captured with its email (read
 * from mail's tables, downloaded through mail's route). At most 500.
 */
export async function listAttachments(platform: Platform, ctx: RequestContext, activityId: string) {
  await seeActivity(platform, ctx, activityId);
  const ws = ctx.workspace.id;
  const data = await ctx.db.read((x) =>
    rows<Attachment>(
      x,
      sql`(SELECT ${columns} FROM activity_attachments a
          WHERE a.workspace_id = ${ws} AND a.activity_id = ${activityId}
          ORDER BY a.created_at, a.id LIMIT 500)
        UNION ALL
        (SELECT f.id, m.activity_id, f.filename, f.content_type, f.size::float8, f.sha256, 'mail', NULL,
          to_char(m.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '/api/v1/mail/attachments/' || f.id
        FROM mail_messages m JOIN mail_attachments f ON f.workspace_id = m.workspace_id AND f.mail_id = m.id
        WHERE m.workspace_id = ${ws} AND m.activity_id = ${activityId}
        ORDER BY f.id LIMIT 500)`,
    ),
  );
  return { data: data.slice(0, 500) };
}

interface StoredAttachment {
  activityId: string;
  fileName: string;
  contentType: string;
  storageKey: string;
  createdBy: string;
}

/** The file's row, if the caller sees its activity. */
async function storedAttachment(platform: Platform, ctx: RequestContext, id: string) {
  const [row] = await ctx.db.read((x) =>
    rows<StoredAttachment>(
      x,
      sql`SELECT activity_id AS "activityId", file_name AS "fileName", content_type AS "contentType",
          storage_key AS "storageKey", created_by AS "createdBy"
        FROM activity_attachments WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`,
    ),
  );
  if (!row) throw new NotFound(`No attachment with id ${id}`);
  await seeActivity(platform, ctx, row.activityId).catch((error: unknown) => {
    throw error instanceof NotFound ? new NotFound(`No attachment with id ${id}`) : error;
  });
  return row;
}

export async function attachmentDownload(platform: Platform, ctx: RequestContext, id: string) {
  const row = await storedAttachment(platform, ctx, id);
  return { fileName: row.fileName, contentType: row.contentType, body: platform.files.open(row.storageKey) };
}

/** Removes a file from its activity and from the store: its uploader or an admin. */
export async function deleteAttachment(platform: Platform, ctx: RequestContext, id: string) {
  assertCanWrite(ctx);
  const row = await storedAttachment(platform, ctx, id);
  if (row.createdBy !== ctx.userId && ctx.role !== 'admin')
    throw new Forbidden('Only the person who attached a file, or an admin, can remove it');
  await ctx.db.write((tx) =>
    tx.execute(sql`DELETE FROM activity_attachments WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`),
  );
  await platform.files.remove(row.storageKey);
}

/** The files uploaded to these activities, oldest first: what a subject access export lists of a person's files. */
export async function attachmentsOf(tx: Executor, workspaceId: string, activityIds: string[]) {
  if (!activityIds.length) return [];
  return rows<Attachment>(
    tx,
    sql`SELECT ${columns} FROM activity_attachments a WHERE a.workspace_id = ${workspaceId}
      AND a.activity_id = ANY(${`{${activityIds.join(',')}}`}::uuid[]) ORDER BY a.created_at, a.id`,
  );
}

/**
 * Forgets the files of activities being erased, in the erasure's transaction; answers their storage
 * keys, for the caller to remove from the store once the transaction has committed.
 */
export async function forgetAttachments(tx: Executor, workspaceId: string, activityIds: string[]) {
  if (!activityIds.length) return [];
  const removed = await rows<{ storageKey: string }>(
    tx,
    sql`DELETE FROM activity_attachments WHERE workspace_id = ${workspaceId}
      AND activity_id = ANY(${`{${activityIds.join(',')}}`}::uuid[]) RETURNING storage_key AS "storageKey"`,
  );
  return removed.map((r) => r.storageKey);
}
