import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../testing';
import { rows } from './database';
import { migrate, MigrationFailed } from './migrate';

function folderWith(migrations: Record<string, string>) {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-migrations-'));
  mkdirSync(join(folder, 'meta'));
  const entries = Object.keys(migrations).map((tag, idx) => ({ idx, tag }));
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ entries }));
  for (const [tag, text] of Object.entries(migrations)) writeFileSync(join(folder, `${tag}.sql`), text);
  return folder;
}

describe('migrations', () => {
  it('runs each migration in a transaction: a failed one leaves the database as it was and names itself', async () => {
    const db = await createTestDb();
    try {
      const folder = folderWith({
        '9000_good': 'CREATE TABLE upgrade_probe (id int PRIMARY KEY);',
        '9001_bad':
          'ALTER TABLE upgrade_probe ADD COLUMN note text;\n--> statement-breakpoint\nALTER TABLE no_such_table ADD COLUMN x int;',
      });
      const failure = await migrate(db, { folder }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(MigrationFailed);
      expect((failure as MigrationFailed).message).toMatch(
        /^Migration 9001_bad failed and was rolled back.*no_such_table/,
      );
      const columns = await db.read((x) =>
        rows<{ column_name: string }>(
          x,
          sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'upgrade_probe' ORDER BY column_name`,
        ),
      );
      expect(columns.map((c) => c.column_name)).toEqual(['id']);
      const applied = await db.read((x) =>
        rows<{ tag: string }>(x, sql`SELECT tag FROM rapport_migrations WHERE tag LIKE '900%'`),
      );
      expect(applied.map((a) => a.tag)).toEqual(['9000_good']);
    } finally {
      await db.drop();
    }
  });
});
