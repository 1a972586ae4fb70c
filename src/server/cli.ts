import { chmodSync, createWriteStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { insertUser, workspaces } from '../modules/auth/server';
import { importUsage, runImportCommand } from '../modules/imports/cli/importCommand';
import { buildApp } from './app';
import { openPglite, openPostgres, rows, type Database } from './db/database';
import { migrate, MigrationFailed } from './db/migrate';
import { openDatabase } from './db/open';
import { maintainAll, sweep } from './maintenance';
import { readSettings, type Settings } from './env';
import { registryOf } from './modules';
import { apiReference } from './ops/apiReference';
import { backupTo, copyDatabase, restoreFrom } from './ops/backup';
import { workspaceArchive } from './ops/workspaceExport';
import { importWorkspace } from './ops/workspaceImport';
import { fileStoreFor } from './files/storeFromSettings';
import { SecretBox } from './secrets';
import { demoLogin, hasDemoWorkspace } from './seed/demoSignIn';

const usage = `Usage: rapport <command>
  start [--demo]            run the server (the web app and the API on one port)
  migrate                   apply pending migrations and stop
  seed --contacts N         fill a new workspace with N contacts and N/10 accounts (for benchmarks)
  backup FILE               write a backup of the whole database to FILE
  restore FILE              restore FILE into an empty database
  workspace:export WORKSPACE_ID FILE
                            write one workspace (rows and files) to FILE, a ZIP
  workspace:import FILE     import a workspace ZIP into this installation (same Rapport version)
  db:move-to POSTGRES_URL   copy the embedded database to PostgreSQL and check row counts
  db:maintain               VACUUM ANALYZE every table and say what was done
  docs:api FILE             write the API reference (Markdown) generated from the OpenAPI document
  ${importUsage}`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Migrates; the embedded database is backed up first whenever an existing one is about to change. */
async function upgrade(db: Database, settings: Settings) {
  await migrate(db, {
    beforeFirst: async (pending) => {
      if (db.kind !== 'pglite') return;
      const [{ n }] = await db.read((x) =>
        rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM rapport_migrations`),
      );
      if (n === 0) return;
      const dir = resolve(settings.RAPPORT_DATA_DIR, 'backups');
      mkdirSync(dir, { recursive: true });
      const file = join(
        dir,
        `before-${pending[0]}-${new Date().toISOString().replace(/[:.]/g, '-')}.rapport.gz`,
      );
      await backupTo(db, file);
      console.log(`Backed up the database to ${file} before migrating`);
    },
  });
}

async function start(settings: Settings) {
  const db = await openDatabase(settings);
  await upgrade(db, settings);
  const registry = registryOf();
  const demo = settings.RAPPORT_DEMO === '1';
  if (demo && !(await hasDemoWorkspace(db))) {
    console.log('Creating the demo workspace (300 accounts, 1,800 contacts, 1,500 deals)…');
    const { createDemoWorkspace } = await import('./seed/demo');
    await createDemoWorkspace(db, registry);
    // The tables went from empty to thousands of rows: the planner's statistics must say so before the
    // first request, not at the first sweep minutes later (PGlite has no autovacuum to notice).
    await maintainAll(db);
  }
  const app = await buildApp({ db, settings, logger: { level: settings.LOG_LEVEL } });
  // Only the server runs jobs and the event dispatcher; other commands never install the queue.
  await app.platform.jobs.start();
  await app.fastify.listen({ port: settings.PORT, host: settings.HOST });
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.PORT;
  const url =
    settings.RAPPORT_PUBLIC_URL ??
    `http://${settings.HOST === '127.0.0.1' ? 'localhost' : settings.HOST}:${port}`;
  console.log(
    `\nRapport is running at ${url}  (${db.kind === 'pglite' ? `embedded database in ${resolve(settings.RAPPORT_DATA_DIR)}` : 'PostgreSQL'})`,
  );
  if (demo) console.log(`Demo sign-in: ${demoLogin.email} / ${demoLogin.password}\n`);
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function seed(settings: Settings, contacts: number) {
  const db = await openDatabase(settings);
  await upgrade(db, settings);
  const registry = registryOf();
  const workspaceId = uuidv7();
  const email = `bench-${workspaceId.slice(-12)}@bench.rapport.test`;
  const password = 'bench-password-1';
  const userId = await db.write(async (tx) => {
    await tx.insert(workspaces).values({ id: workspaceId, name: `Bench ${contacts} contacts` });
    return insertUser(tx, workspaceId, { email, name: 'Bench Admin', role: 'admin', password });
  });
  const started = Date.now();
  const { seedRecords } = await import('./seed/demo');
  await seedRecords(
    db,
    registry,
    workspaceId,
    [userId],
    { accounts: Math.max(1, Math.round(contacts / 10)), contacts },
    7,
    (done) => {
      if (done % 50_000 === 0 || done === contacts) process.stdout.write(`  ${done} contacts\n`);
    },
  );
  const seconds = (Date.now() - started) / 1000;
  // No job queue runs in this command: it refreshes the statistics of what it loaded itself.
  for (const done of await sweep(db)) console.log(`  ${done.action} ${done.table}: ${done.reason}`);
  console.log(
    JSON.stringify({
      workspaceId,
      email,
      password,
      contacts,
      seconds,
      contactsPerSecond: Math.round(contacts / seconds),
    }),
  );
  await db.close();
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const settings = readSettings();
  if (args.includes('--demo')) settings.RAPPORT_DEMO = '1';
  switch (command) {
    case 'start':
      return start(settings);
    case 'migrate': {
      const db = await openDatabase(settings);
      await upgrade(db, settings);
      console.log('The database is up to date');
      return db.close();
    }
    case 'seed': {
      const n = Number(option(args, '--contacts') ?? 1000);
      if (!Number.isInteger(n) || n < 1) throw new Error('--contacts takes a whole number');
      return seed(settings, n);
    }
    case 'backup':
    case 'restore': {
      const file = args[0];
      if (!file) throw new Error(`rapport ${command} FILE`);
      const db = await openDatabase(settings);
      const counts =
        command === 'backup'
          ? (await upgrade(db, settings), await backupTo(db, file))
          : await restoreFrom(db, file);
      console.log(
        `${command === 'backup' ? 'Backed up' : 'Restored'} ${Object.values(counts).reduce((a, b) => a + b, 0)} rows`,
        counts,
      );
      return db.close();
    }
    case 'workspace:export':
    case 'workspace:import': {
      const [first, second] = args;
      const exporting = command === 'workspace:export';
      if (!first || (exporting && !second))
        throw new Error(
          exporting ? 'rapport workspace:export WORKSPACE_ID FILE' : 'rapport workspace:import FILE',
        );
      const db = await openDatabase(settings);
      await upgrade(db, settings);
      const deps = {
        db,
        files: fileStoreFor(settings),
        secrets: new SecretBox(settings.RAPPORT_SECRET, settings.RAPPORT_DATA_DIR),
      };
      const started = Date.now();
      if (exporting) {
        // The archive holds password hashes and sealed secrets: only its owner may read it.
        await pipeline(
          Readable.from(workspaceArchive(deps, first)),
          createWriteStream(second, { mode: 0o600 }),
        );
        chmodSync(second, 0o600);
        console.log(
          `Exported workspace ${first} to ${second} (${(statSync(second).size / 1024 / 1024).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      } else {
        const imported = await importWorkspace(deps, first);
        const total = Object.values(imported.tables).reduce((a, b) => a + b, 0);
        console.log(
          `Imported workspace ${imported.workspaceId}: ${total} rows and ${imported.files} files in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        for (const [name, n] of Object.entries(imported.tables)) if (n) console.log(`  ${name}: ${n}`);
        if (imported.secretsCleared)
          console.log(
            'This installation has another secret key: two-factor secrets, SSO client secrets and mail passwords were cleared; users and the admin enter them again.',
          );
      }
      return db.close();
    }
    case 'db:move-to': {
      const url = args[0];
      if (!url?.startsWith('postgres'))
        throw new Error('rapport db:move-to postgres://user@host:5432/database');
      const source = await openDatabase({ ...settings, DATABASE_URL: undefined });
      const target = await openPostgres(url);
      await copyDatabase(source, target, (name, n) => console.log(`  ${name}: ${n} rows`));
      console.log(
        `Copied and verified. Start Rapport with DATABASE_URL=${url.replace(/:[^:@/]+@/, ':***@')}`,
      );
      await Promise.all([source.close(), target.close()]);
      return;
    }
    case 'db:maintain': {
      const db = await openDatabase(settings);
      const started = Date.now();
      const done = await maintainAll(db, (t) =>
        console.log(
          `  ${t.action} ${t.table}: ${Math.max(0, t.rows)} rows, ${t.deadRowsBefore} dead rows before, ${t.ms} ms`,
        ),
      );
      console.log(`Maintained ${done.length} tables in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return db.close();
    }
    case 'import': {
      const object = option(args, '--object');
      if (!args[0] || args[0].startsWith('--') || !object) throw new Error(`Usage: ${importUsage}`);
      process.exitCode = await runImportCommand({
        file: args[0],
        object,
        mappingFile: option(args, '--mapping'),
        savedMapping: option(args, '--saved'),
        match: option(args, '--match'),
        dryRun: args.includes('--dry-run'),
        preview: args.includes('--preview'),
        errorsFile: option(args, '--errors'),
        url:
          option(args, '--url') ??
          process.env.RAPPORT_URL ??
          settings.RAPPORT_PUBLIC_URL ??
          `http://localhost:${settings.PORT}`,
        apiKey: process.env.RAPPORT_API_KEY ?? '',
      });
      return;
    }
    case 'docs:api': {
      const db = await openPglite();
      await migrate(db);
      const app = await buildApp({ db, settings });
      const document = (await app.fastify.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
      writeFileSync(args[0] ?? 'docs/api-reference.md', apiReference(document));
      await app.close();
      return db.close();
    }
    default:
      console.log(usage);
      process.exitCode = command ? 1 : 0;
  }
}

main().catch((error: unknown) => {
  if (error instanceof MigrationFailed) console.error(`Rapport did not start: ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
