import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceChanges } from './changes';
import { openPostgres, type Database } from './database';
import { clusterBinaries, freePort, TestCluster } from './testCluster';

/**
 * PostgreSQL restarting under a running server (issue 8, finding 0): a real server process writes
 * through eight clients while its private cluster restarts in fast mode (every connection ends with
 * 57P01) and, later, stays down for a few seconds. The process must keep running, answer 503 with
 * Retry-After while the database is away (never 500), resume by itself within 15 s, and hold every
 * record it acknowledged. The LISTEN connection that drops cached principals must come back too.
 * Needs PostgreSQL's server binaries (initdb, pg_ctl): skipped, and said so, where they are absent.
 */
// A free port of its own, so that runs of the suite on both databases at once do not meet.
let port: number;
let base: string;
let origin: { origin: string };
let cluster: TestCluster;
let server: ChildProcess;
let output = '';

async function waitUntil(check: () => Promise<boolean>, seconds: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    if (await check().catch(() => false)) return Date.now() - started;
    await sleep(100);
  }
  throw new Error(`not within ${seconds} s; server output:\n${output}`);
}

describe.skipIf(!clusterBinaries)('a PostgreSQL restart under load', () => {
  beforeAll(async () => {
    cluster = await TestCluster.create(clusterBinaries as string);
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    origin = { origin: base };
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'start'], {
      env: {
        ...process.env,
        DATABASE_URL: cluster.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        RAPPORT_SIGNUP: 'open',
        RAPPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rapport-restart-')),
        RAPPORT_SECRET: 'test-secret-of-enough-length',
        RAPPORT_LOGIN_LIMIT: '10000',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitUntil(async () => (await fetch(`${base}/api/health`)).ok, 90);
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    cluster?.destroy();
  });

  it('keeps serving, answers 503 while the database is away, and loses no acknowledged write', async () => {
    const signup = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...origin },
      body: JSON.stringify({
        workspaceName: 'Restart',
        name: 'Ada',
        email: 'ada@restart.test',
        password: 'correct-horse-battery',
      }),
    });
    expect(signup.status).toBe(201);
    const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0];
    const headers = { 'content-type': 'application/json', cookie, ...origin };

    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    const unavailable: (string | null)[] = [];
    let lastSuccess = 0;
    let writing = true;
    let n = 0;
    const writer = async () => {
      while (writing) {
        const response = await fetch(`${base}/api/v1/accounts`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: `Account ${++n}` }),
        }).catch(() => null);
        if (!response) {
          // The server is gone: counted as status 0, and the test fails on it below.
          statuses.set(0, (statuses.get(0) ?? 0) + 1);
          await sleep(200);
          continue;
        }
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 201) {
          acknowledged.push((await response.json()).id);
          lastSuccess = Date.now();
        } else {
          await response.text();
          if (response.status === 503) unavailable.push(response.headers.get('retry-after'));
          await sleep(50);
        }
      }
    };
    const writers = Array.from({ length: 8 }, writer);

    await sleep(1500);
    cluster.restart();
    const restartedAt = Date.now();
    await waitUntil(async () => lastSuccess > restartedAt, 15);
    expect(server.exitCode, output).toBeNull();

    cluster.stop();
    await sleep(3000);
    const down = await fetch(`${base}/api/v1/accounts?limit=1`, { headers });
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await down.json()).detail).toMatch(/database/i);
    cluster.start();
    const startedAt = Date.now();
    await waitUntil(async () => lastSuccess > startedAt, 15);
    writing = false;
    await Promise.all(writers);

    expect(server.exitCode, output).toBeNull();
    expect(statuses.get(500) ?? 0, JSON.stringify([...statuses])).toBe(0);
    expect([...statuses.keys()].every((s) => s === 201 || s === 503)).toBe(true);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.every((seconds) => Number(seconds) > 0)).toBe(true);

    const stored = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await fetch(
        `${base}/api/v1/accounts?limit=500&fields=id${cursor ? `&cursor=${cursor}` : ''}`,
        {
          headers,
        },
      );
      expect(page.status).toBe(200);
      const body = (await page.json()) as { data: { id: string }[]; nextCursor: string | null };
      for (const record of body.data) stored.add(record.id);
      cursor = body.nextCursor;
    } while (cursor);
    // Writes were acknowledged after each outage (the waits above); how many depends on the machine.
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });

  it('reconnects the LISTEN connection that drops cached principals', async () => {
    const db: Database = await openPostgres(cluster.url, 2, () => undefined);
    const heard: string[] = [];
    const changes = new WorkspaceChanges(db, () => undefined);
    changes.onChange((workspaceId) => heard.push(workspaceId));
    await changes.start();
    const other: Database = await openPostgres(cluster.url, 2, () => undefined);
    try {
      cluster.restart();
      // Missed notifications while away count as changes of every workspace: caches are dropped.
      await waitUntil(async () => heard.includes('*'), 15);
      await waitUntil(async () => {
        await other.pool?.query(`SELECT pg_notify('rapport_workspace_changed', 'w-after-restart')`);
        return heard.includes('w-after-restart');
      }, 15);
    } finally {
      await changes.stop();
      await other.close();
      await db.close();
    }
  });
});
