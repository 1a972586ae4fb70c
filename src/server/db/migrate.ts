import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { packageRoot } from '../packageRoot';
import { rows, type Database } from './database';

interface JournalEntry {
  idx: number;
  tag: string;
}

export class MigrationFailed extends Error {
  constructor(
    readonly tag: string,
    cause: unknown,
  ) {
    super(
      `Migration ${tag} failed and was rolled back; the database is as it was before it. Cause: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
  }
}

export const migrationsFolder = join(packageRoot, 'drizzle');

async function readJournal(folder: string): Promise<JournalEntry[]> {
  const journal = JSON.parse(await readFile(join(folder, 'meta/_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries.sort((a, b) => a.idx - b.idx);
}

export async function pendingMigrations(database: Database, folder = migrationsFolder): Promise<string[]> {
  const entries = await readJournal(folder);
  const applied = await database.write(async (tx) => {
    await tx.execute(
      sql`CREATE TABLE IF NOT EXISTS rapport_migrations (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    return rows<{ tag: string }>(tx, sql`SELECT tag FROM rapport_migrations`);
  });
  const done = new Set(applied.map((r) => r.tag));
  return entries.filter((e) => !done.has(e.tag)).map((e) => e.tag);
}

/** Applies each pending migration in its own transaction; the first failure stops with its name and cause. */
export async function migrate(
  database: Database,
  options: { folder?: string; only?: Set<string>; beforeFirst?: (pending: string[]) => Promise<void> } = {},
): Promise<string[]> {
  const folder = options.folder ?? migrationsFolder;
  const pending = (await pendingMigrations(database, folder)).filter(
    (tag) => !options.only || options.only.has(tag),
  );
  if (pending.length > 0 && options.beforeFirst) await options.beforeFirst(pending);
  for (const tag of pending) {
    const text = await readFile(join(folder, `${tag}.sql`), 'utf8');
    const statements = text
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      await database.write(async (tx) => {
        for (const statement of statements) await tx.execute(sql.raw(statement));
        await tx.execute(sql`INSERT INTO rapport_migrations (tag) VALUES (${tag})`);
      });
    } catch (error) {
      throw new MigrationFailed(tag, error);
    }
  }
  return pending;
}
