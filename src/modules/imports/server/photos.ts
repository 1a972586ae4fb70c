import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows, type Executor } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import { safeFileName } from '../../../server/files/download';
import type { FileStore } from '../../../server/files/fileStore';
import { sniffContentType } from '../../../server/files/sniff';
import type { MergeMove } from '../../../server/platform';

/** The most a kept photo may be, decoded: a phone's contact photo is tens of kilobytes. */
export const maxPhotoBytes = 5 * 1024 * 1024;

const kept: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export type Photo = { bytes: Buffer; contentType: string } | { dropped: string };

/**
 * A vCard PHOTO as bytes to keep, or why it is dropped: 3.0's inline base64 (`ENCODING=b`), 4.0's
 * `data:image/…;base64,` URI; a photo given by link is never fetched. The type is the bytes' own.
 */
export function photoOf(value: string, inline: boolean): Photo {
  const text = value.trim();
  let base64: string;
  if (inline) base64 = text;
  else {
    const data = /^data:([^,]*),(.*)$/is.exec(text);
    if (!data) return { dropped: 'the photo was dropped: it is a link, which an import never fetches' };
    if (!/;base64$/i.test(data[1])) return { dropped: 'the photo was dropped: it is not base64 data' };
    base64 = data[2];
  }
  base64 = base64.replace(/\s+/g, '');
  if ((base64.length * 3) / 4 > maxPhotoBytes + 3)
    return { dropped: `the photo was dropped: it is larger than ${maxPhotoBytes / 1024 / 1024} MB` };
  if (base64 === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 === 1)
    return { dropped: 'the photo was dropped: its data is not valid base64' };
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > maxPhotoBytes)
    return { dropped: `the photo was dropped: it is larger than ${maxPhotoBytes / 1024 / 1024} MB` };
  const contentType = sniffContentType(bytes.subarray(0, 4096));
  const riff = bytes.subarray(0, 4).toString('latin1') === 'RIFF';
  if (!kept[contentType] || (contentType === 'image/webp' && !riff))
    return { dropped: 'the photo was dropped: it is not a JPEG, PNG, GIF or WebP image' };
  return { bytes, contentType };
}

const storageKeyOf = (workspaceId: string, id: string) => `import-photos/${workspaceId}/${id}`;

/**
 * The photos of one batch: files put in the store as the batch writes their rows, and taken out
 * again if the batch's transaction does not commit (a retry without a refused row, a failure).
 * Without a store (a dry run, a preview) photos are checked but not kept.
 */
export class PhotoShelf {
  private stored: string[] = [];

  constructor(
    private readonly files: FileStore | null,
    private readonly importId: string,
  ) {}

  get keeps(): boolean {
    return this.files !== null;
  }

  /** Keeps each contact's photo: the file in the store, its row in `import_photos`. */
  async keep(
    ctx: RequestContext,
    tx: Executor,
    photos: { row: number; recordId: string; name: string; bytes: Buffer; contentType: string }[],
  ): Promise<void> {
    if (!this.files || photos.length === 0) return;
    const list = [];
    for (const p of photos) {
      const id = uuidv7();
      const key = storageKeyOf(ctx.workspace.id, id);
      this.stored.push(key);
      await this.files.put(key, p.bytes);
      list.push({
        id,
        record_id: p.recordId,
        row: p.row,
        file_name: safeFileName(`${p.name || 'photo'}.${kept[p.contentType]}`, 'photo'),
        content_type: p.contentType,
        size: p.bytes.length,
        sha256: createHash('sha256').update(p.bytes).digest('hex'),
        storage_key: key,
      });
    }
    await tx.execute(
      sql`INSERT INTO import_photos (workspace_id, id, import_id, record_id, row, file_name, content_type, size, sha256, storage_key)
        SELECT ${ctx.workspace.id}::uuid, x.id, ${this.importId}::uuid, x.record_id, x.row, x.file_name, x.content_type, x.size, x.sha256, x.storage_key
        FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb)
          AS x(id uuid, record_id uuid, row int, file_name text, content_type text, size int, sha256 text, storage_key text)`,
    );
  }

  /** The batch committed: its files stay. */
  commit() {
    this.stored = [];
  }

  /** The batch was rolled back: its files go. */
  async discard() {
    const keys = this.stored;
    this.stored = [];
    for (const key of keys) await this.files?.remove(key);
  }
}

export interface ContactPhoto {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  importId: string;
  createdAt: string;
  url: string;
}

const columns = sql`p.id, p.file_name AS "fileName", p.content_type AS "contentType", p.size, p.import_id AS "importId",
  to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  '/api/v1/import-photos/' || p.id AS url`;

/** A contact's photos, newest first (the caller has checked that they may see the contact). */
export async function photosOf(x: Executor, workspaceId: string, contactId: string): Promise<ContactPhoto[]> {
  return rows<ContactPhoto>(
    x,
    sql`SELECT ${columns} FROM import_photos p WHERE p.workspace_id = ${workspaceId} AND p.record_id = ${contactId}
      ORDER BY p.created_at DESC, p.id DESC LIMIT 20`,
  );
}

export async function photoFile(x: Executor, workspaceId: string, id: string) {
  const [found] = await rows<{ recordId: string; fileName: string; contentType: string; storageKey: string }>(
    x,
    sql`SELECT record_id AS "recordId", file_name AS "fileName", content_type AS "contentType", storage_key AS "storageKey"
      FROM import_photos WHERE workspace_id = ${workspaceId} AND id = ${id}`,
  );
  return found ?? null;
}

/** Forgets a batch of an import's photos (its undo), answering their storage keys to remove once committed. */
export async function forgetPhotos(tx: Executor, workspaceId: string, importId: string, limit: number) {
  const gone = await rows<{ key: string }>(
    tx,
    sql`DELETE FROM import_photos WHERE workspace_id = ${workspaceId} AND id IN (
        SELECT id FROM import_photos WHERE workspace_id = ${workspaceId} AND import_id = ${importId} LIMIT ${limit})
      RETURNING storage_key AS key`,
  );
  return gone.map((g) => g.key);
}

/** Forgets every photo of a contact (its erasure), answering their storage keys to remove once committed. */
export async function forgetContactPhotos(tx: Executor, workspaceId: string, contactId: string) {
  const gone = await rows<{ key: string }>(
    tx,
    sql`DELETE FROM import_photos WHERE workspace_id = ${workspaceId} AND record_id = ${contactId}
      RETURNING storage_key AS key`,
  );
  return gone.map((g) => g.key);
}

/** A merged contact's photos pass to the survivor; undo gives each back to the contact it came from. */
export const contactPhotosMove: MergeMove = {
  object: 'contacts',
  name: 'contact photos',
  async move({ ctx, tx }, from, to) {
    const moved = await rows<{ id: string; from_id: string }>(
      tx,
      sql`UPDATE import_photos p SET record_id = ${to} FROM import_photos old
        WHERE p.workspace_id = ${ctx.workspace.id} AND old.workspace_id = p.workspace_id AND old.id = p.id
          AND p.record_id = ANY(${`{${from.join(',')}}`}::uuid[])
        RETURNING p.id, old.record_id AS from_id`,
    );
    return { count: moved.length, undo: moved };
  },
  async undo({ ctx, tx }, undo) {
    const moved = undo as { id: string; from_id: string }[];
    if (!moved.length) return;
    await tx.execute(
      sql`UPDATE import_photos p SET record_id = back.from_id
        FROM jsonb_to_recordset(${JSON.stringify(moved)}::jsonb) AS back(id uuid, from_id uuid)
        WHERE p.workspace_id = ${ctx.workspace.id} AND p.id = back.id`,
    );
  },
};
