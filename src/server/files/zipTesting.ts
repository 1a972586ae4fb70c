import { Zip, ZipDeflate } from 'fflate';

/**
 * A small ZIP whose entries unpack to `megabytes` of zeros each (a zip bomb, for tests): built in
 * 1 MB steps, so the test never holds the unpacked size in memory.
 */
export function zipBomb(entries: string[], megabytes: number): Buffer {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const zeros = new Uint8Array(1024 * 1024);
  for (const name of entries) {
    const entry = new ZipDeflate(name, { level: 1 });
    zip.add(entry);
    for (let i = 0; i < megabytes; i++) entry.push(zeros, i === megabytes - 1);
  }
  zip.end();
  return Buffer.concat(parts);
}
