import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../testing';
import { rows, type Database } from './database';

let db: Database & { drop(): Promise<void> };
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);

beforeAll(async () => {
  process.on('warning', onWarning);
  db = await createTestDb();
});
afterAll(async () => {
  process.off('warning', onWarning);
  await db.drop();
});

describe('database sessions', () => {
  it('give every connection the typo threshold, with no query racing the first one on a new connection', async () => {
    const thresholds = await Promise.all(
      Array.from({ length: 12 }, () =>
        db.read((r) =>
          rows<{ threshold: string }>(
            r,
            sql`SELECT current_setting('pg_trgm.word_similarity_threshold') AS threshold, pg_sleep(0.01)`,
          ),
        ),
      ),
    );
    expect(thresholds.map(([row]) => row.threshold)).toEqual(Array(12).fill('0.4'));
    // Deprecation warnings are emitted on the next tick.
    await new Promise((done) => setImmediate(done));
    expect(warnings).toEqual([]);
  });
});
