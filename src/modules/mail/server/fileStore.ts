import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Where captured messages and their attachments are kept: the data folder today, an S3-compatible
 * store tomorrow, behind these three calls. Keys are relative paths the store makes safe.
 */
export interface FileStore {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

/** Files under `<data dir>/files`; a put lands whole (written aside, then renamed) or not at all. */
export class DataFolderStore implements FileStore {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'files');
  }

  private path(key: string): string {
    if (!/^[a-z0-9][a-z0-9/_.-]*$/i.test(key) || key.includes('..'))
      throw new Error(`Not a storage key: ${key}`);
    return join(this.root, key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const aside = `${path}.${process.pid}.part`;
    await writeFile(aside, bytes, { flush: true });
    await rename(aside, path);
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  remove(key: string): Promise<void> {
    return rm(this.path(key), { force: true });
  }
}
