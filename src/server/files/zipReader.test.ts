import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { checkZipInflation, readZip, ZipTooInflated } from './zipReader';
import { zipBomb } from './zipTesting';

const dir = mkdtempSync(join(tmpdir(), 'rapport-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function saved(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('reading a ZIP with a limit on what it unpacks to', () => {
  it('reads every entry it is asked for, whole, and skips the others', async () => {
    const text = 'a line\n'.repeat(10_000);
    const path = saved('ok.zip', zipSync({ 'a.txt': Buffer.from(text), 'b.txt': Buffer.from('skip me') }));
    let read = '';
    const opened: string[] = [];
    await readZip(path, { ratio: 200, floorBytes: 1024 * 1024 }, (name) => {
      opened.push(name);
      return name === 'a.txt' ? (data) => (read += Buffer.from(data).toString()) : undefined;
    });
    expect(opened).toEqual(['a.txt', 'b.txt']);
    expect(read).toBe(text);
  });

  it('refuses a zip bomb after unpacking no more than its limit', async () => {
    const bomb = zipBomb(['xl/sharedStrings.xml'], 64);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const path = saved('bomb.zip', bomb);
    const limit = { ratio: 100, floorBytes: 8 * 1024 * 1024 };
    let received = 0;
    const reading = readZip(path, limit, () => (data) => (received += data.length));
    await expect(reading).rejects.toBeInstanceOf(ZipTooInflated);
    expect(received).toBeLessThanOrEqual(limit.floorBytes + limit.ratio * bomb.length);
    await expect(checkZipInflation(path, limit)).rejects.toThrow(
      /^The file unpacks to more than \d+ MB, far more than a real one of its size: refused$/,
    );
  });

  it('counts every entry towards one budget, and honours an absolute ceiling', async () => {
    const path = saved('many.zip', zipBomb(['a', 'b', 'c'], 4));
    await expect(checkZipInflation(path, { ratio: 1, floorBytes: 11 * 1024 * 1024 })).rejects.toThrow(
      ZipTooInflated,
    );
    await expect(
      checkZipInflation(path, { ratio: 1, floorBytes: 13 * 1024 * 1024 }),
    ).resolves.toBeUndefined();
    await expect(
      checkZipInflation(path, { ratio: 1, floorBytes: 13 * 1024 * 1024, maxBytes: 5 * 1024 * 1024 }),
    ).rejects.toThrow(ZipTooInflated);
  });
});
