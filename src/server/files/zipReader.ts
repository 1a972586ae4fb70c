import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Unzip, UnzipInflate } from 'fflate';

/** A ZIP that inflates to far more than its size (a "zip bomb"): refused before it fills memory or disk. */
export class ZipTooInflated extends Error {
  constructor(readonly limitBytes: number) {
    super(
      `The file unpacks to more than ${Math.round(limitBytes / 1024 / 1024)} MB, far more than a real one of its size: refused`,
    );
  }
}

/**
 * How much a ZIP may unpack to: `ratio` times its own size plus `floorBytes`, and never more than
 * `maxBytes`. Spreadsheets and NDJSON compress 5 to 20 times; a zip bomb, thousands of times.
 */
export interface InflationLimit {
  ratio: number;
  floorBytes: number;
  maxBytes?: number;
}

/** A sink for one entry's inflated bytes, or undefined to skip the entry without inflating it. */
export type EntrySink = ((data: Uint8Array, final: boolean) => void) | undefined;

/**
 * Reads a ZIP from disk entry by entry, counting the bytes it really inflates (headers may lie):
 * `open` answers a sink for the entries to inflate, `settle` runs after each chunk of the file, so slow
 * work (inserts, uploads) paces the reading. Past the limit it throws ZipTooInflated.
 */
export async function readZip(
  file: string,
  limit: InflationLimit,
  open: (name: string) => EntrySink,
  settle: () => Promise<void> = async () => {},
): Promise<void> {
  const size = (await stat(file)).size;
  const budget = Math.min(limit.maxBytes ?? Infinity, limit.floorBytes + limit.ratio * size);
  let inflated = 0;
  let failure: Error | null = null;
  const unzip = new Unzip((entry) => {
    const sink = open(entry.name);
    if (!sink) return;
    entry.ondata = (error, data, final) => {
      if (failure) return;
      if (error) failure = error;
      else if ((inflated += data.length) > budget) {
        failure = new ZipTooInflated(budget);
        entry.terminate();
      } else {
        try {
          sink(data, final);
        } catch (caught) {
          failure = caught as Error;
        }
      }
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    unzip.push(chunk);
    if (failure) throw failure;
    await settle();
  }
  unzip.push(new Uint8Array(0), true);
  if (failure) throw failure;
  await settle();
}

/** Inflates every entry once, keeping nothing: a file that passes unpacks to no more than the limit. */
export const checkZipInflation = (file: string, limit: InflationLimit) =>
  readZip(file, limit, () => () => {});
