import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';

export const root = resolve(import.meta.dirname, '..');
export const dataRoot = join(root, 'bench/.data');
const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
/** The password `rapport seed` gives every bench workspace's admin. */
const seedPassword = 'bench-password-1';

export type Target =
  { kind: 'postgres'; name: string; url: string } | { kind: 'pglite'; name: string; dataDir: string };

export function targetFor(kind: 'postgres' | 'pglite', contacts: number): Target {
  const name = `rapport_bench_${contacts}`;
  if (kind === 'postgres') return { kind, name, url: `postgres://postgres@127.0.0.1:5432/${name}` };
  return { kind, name, dataDir: join(dataRoot, `pglite-${contacts}`) };
}

/** Environment for the CLI and the server: the database of the target and nothing inherited about it. */
export function targetEnv(target: Target): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', RAPPORT_DEMO: '' };
  delete env.DATABASE_URL;
  if (target.kind === 'postgres') env.DATABASE_URL = target.url;
  else env.RAPPORT_DATA_DIR = target.dataDir;
  return env;
}

export function openTarget(target: Target, max = 16): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target.url, max) : openPglite(join(target.dataDir, 'db'));
}

export interface Workspace {
  workspaceId: string;
  email: string;
  password: string;
  contacts: number;
  seeding: { reused: boolean; seconds?: number; contactsPerSecond?: number };
}

async function plain<T>(db: Database, text: string, params: unknown[] = []): Promise<T[]> {
  if (db.pglite) return (await db.pglite.query<T>(text, params)).rows;
  return (await db.pool!.query(text, params)).rows as T[];
}

/** The bench workspace of a database (the first `rapport seed` made) and its live contacts. */
async function findWorkspace(
  target: Target,
): Promise<{ workspaceId: string; email: string; contacts: number } | null> {
  if (target.kind === 'postgres') {
    const admin = new pg.Client(adminUrl);
    await admin.connect();
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [target.name]);
    await admin.end();
    if (found.rowCount === 0) return null;
  } else if (!existsSync(join(target.dataDir, 'db'))) return null;
  const db = await openTarget(target, 2);
  try {
    const [user] = await plain<{ workspace_id: string; email: string }>(
      db,
      `SELECT workspace_id, email FROM users WHERE email LIKE 'bench-%@bench.rapport.test' ORDER BY created_at LIMIT 1`,
    ).catch(() => []);
    if (!user) return null;
    // A database seeded by an earlier version is brought to the current schema first, as a server
    // starting on it would do, before the workload is built from it.
    await migrate(db);
    const [{ n }] = await plain<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL AND coalesce(email, '') NOT LIKE 'bench.%@example.com'`,
      [user.workspace_id],
    );
    return { workspaceId: user.workspace_id, email: user.email, contacts: n };
  } finally {
    await db.close();
  }
}

async function recreate(target: Target) {
  if (target.kind === 'pglite') {
    mkdirSync(target.dataDir, { recursive: true });
    return;
  }
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${target.name}`);
  await admin.query(`CREATE DATABASE ${target.name}`);
  await admin.end();
}

/** `rapport seed --contacts N` in its own process: the project's seeding through the real write path. */
function seedWithCli(target: Target, contacts: number): Promise<Workspace> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli.ts', 'seed', '--contacts', String(contacts)],
      {
        cwd: root,
        env: targetEnv(target),
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let last = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      process.stdout.write(text.replace(/^(?=.)/gm, '  seed: '));
      last = text.trim().split('\n').at(-1) ?? last;
    });
    child.on('exit', (code) => {
      if (code !== 0) return fail(new Error(`seed exited with ${code}`));
      const line = JSON.parse(last) as {
        workspaceId: string;
        email: string;
        password: string;
        seconds: number;
        contactsPerSecond: number;
      };
      done({
        ...line,
        contacts,
        seeding: { reused: false, seconds: line.seconds, contactsPerSecond: line.contactsPerSecond },
      });
    });
  });
}

/** A database with a bench workspace of at least `contacts` contacts: reused when there is one, else seeded fresh. */
export async function prepare(target: Target, contacts: number): Promise<Workspace> {
  const seedFile = join(dataRoot, `${target.kind}-${contacts}.seed.json`);
  const existing = await findWorkspace(target);
  let workspace: Workspace;
  if (existing && existing.contacts >= contacts) {
    const earlier = existsSync(seedFile)
      ? (JSON.parse(readFileSync(seedFile, 'utf8')) as Workspace['seeding'])
      : {};
    console.log(
      `Reusing ${target.kind} database ${target.name}: ${existing.contacts} contacts already seeded`,
    );
    workspace = { ...existing, password: seedPassword, seeding: { ...earlier, reused: true } };
  } else {
    console.log(`Seeding ${contacts} contacts into a fresh ${target.kind} database ${target.name}…`);
    await recreate(target);
    workspace = await seedWithCli(target, contacts);
    mkdirSync(dataRoot, { recursive: true });
    writeFileSync(
      seedFile,
      JSON.stringify({
        seconds: workspace.seeding.seconds,
        contactsPerSecond: workspace.seeding.contactsPerSecond,
      }),
    );
  }
  return workspace;
}

export { plain };
