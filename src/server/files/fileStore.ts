import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where captured messages and attached files are kept: the data folder or an S3-compatible store
 * (the operator's choice, see `fileStoreFor`), behind these calls. Keys are relative paths the store
 * checks. A key with nothing under it fails `get` and `open` with an error whose code is `ENOENT`.
 */
export interface FileStore {
  /** Stores bytes or a stream whole; a stream that fails leaves nothing under the key. */
  put(key: string, content: Buffer | Readable): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** The file as a stream, for downloads that should not sit in memory. */
  open(key: string): Readable;
  /** Removes the file; a key with nothing under it is already removed. */
  remove(key: string): Promise<void>;
}

/** The key itself, if it is one: letters, digits and `/_.-`, no `..`, not starting with a separator. */
export function storageKey(key: string): string {
  if (!/^[a-z0-9][a-z0-9/_.-]*$/i.test(key) || key.includes('..'))
    throw new Error(`Not a storage key: ${key}`);
  return key;
}

/** What every store throws for a key with nothing under it (the code the file system uses). */
export function fileMissing(key: string): Error {
  return Object.assign(new Error(`No file is stored under ${key}`), { code: 'ENOENT' });
}

/** Files under `<data dir>/files`; a put lands whole (written aside, then renamed) or not at all. */
export class DataFolderStore implements FileStore {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'files');
  }

  private path(key: string): string {
    return join(this.root, storageKey(key));
  }

  async put(key: string, content: Buffer | Readable): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const aside = `${path}.${process.pid}.part`;
    try {
      await pipeline(
        Buffer.isBuffer(content) ? [content] : content,
        createWriteStream(aside, { flush: true }),
      );
    } catch (error) {
      await rm(aside, { force: true });
      throw error;
    }
    await rename(aside, path);
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  open(key: string): Readable {
    return createReadStream(this.path(key));
  }

  remove(key: string): Promise<void> {
    return rm(this.path(key), { force: true });
  }
}
