import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Settings } from '../env';
import { openPglite, openPostgres, type Database } from './database';

/** PostgreSQL when DATABASE_URL is set, else the embedded database in the data folder. */
export async function openDatabase(
  settings: Pick<Settings, 'DATABASE_URL' | 'RAPPORT_DATA_DIR'>,
): Promise<Database> {
  if (settings.DATABASE_URL) return openPostgres(settings.DATABASE_URL);
  const dir = resolve(settings.RAPPORT_DATA_DIR, 'db');
  mkdirSync(dir, { recursive: true });
  return openPglite(dir);
}
