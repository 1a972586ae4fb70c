import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { createTestDb } from '../testing';
import { JobQueue, type JobOptions } from './queue';

let db: Database & { drop(): Promise<void> };
const queues: JobQueue[] = [];
const errors: unknown[] = [];

beforeAll(async () => {
  db = await createTestDb();
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
});
afterAll(async () => {
  await db.drop();
  expect(errors).toEqual([]);
});

function queue(tuning: ConstructorParameters<typeof JobQueue>[2] = {}) {
  const q = new JobQueue(db, (e) => errors.push(e), { pollingMs: 50, stopGraceMs: 200, ...tuning });
  queues.push(q);
  return q;
}

type Maybe<T> = T | false | null | undefined;

async function until<T>(probe: () => Maybe<T> | Promise<Maybe<T>>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const quick: JobOptions = { retryLimit: 0, expireInSeconds: 60 };

describe('the job queue', () => {
  it('runs a job with its data', async () => {
    const q = queue();
    const seen: unknown[] = [];
    q.define('greet', async (data) => void seen.push(data), quick);
    await q.start();
    const id = await q.send('greet', { name: 'Ada' });
    await until(() => seen.length === 1);
    expect(seen).toEqual([{ name: 'Ada' }]);
    const job = await until(async () => {
      const j = await q.boss.getJobById('greet', id!);
      return j?.state === 'completed' && j;
    });
    expect(job.retryCount).toBe(0);
  });

  it("runs at most a queue's batch size of its jobs at once", async () => {
    const q = queue();
    let running = 0;
    let most = 0;
    let done = 0;
    q.define(
      'light',
      async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        done++;
      },
      { ...quick, batchSize: 3 },
    );
    await q.sendMany(
      'light',
      Array.from({ length: 9 }, (_, i) => ({ data: { i } })),
    );
    await q.start();
    await until(() => done === 9);
    expect(most).toBe(3);
  });

  it('retries a throwing handler with growing delays, then leaves the job failed', async () => {
    const q = queue();
    const attempts: { attempt: number; at: number }[] = [];
    q.define(
      'flaky',
      async (_data, run) => {
        attempts.push({ attempt: run.attempt, at: Date.now() });
        throw new Error(`mail server down (${run.attempt})`);
      },
      { retryLimit: 2, retryDelaySeconds: 1, backoff: true },
    );
    await q.start();
    const id = (await q.send('flaky', {}))!;
    const job = await until(async () => {
      const j = await q.boss.getJobById('flaky', id);
      return j?.state === 'failed' && j;
    }, 20_000);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    // Backoff: the first retry waits 1-2 s, the second 2-4 s.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1000);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(2000);
    expect(job.output).toEqual({ message: 'mail server down (3)' });
  }, 30_000);

  it('keeps a delayed job until its time', async () => {
    const q = queue();
    const ranAt: number[] = [];
    q.define('remind', async () => void ranAt.push(Date.now()), quick);
    await q.start();
    const sentAt = Date.now();
    await q.send('remind', {}, { startAfter: 2 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(ranAt).toEqual([]);
    await until(() => ranAt.length === 1);
    expect(ranAt[0] - sentAt).toBeGreaterThanOrEqual(1900);
  });

  it('expires a hanging run, aborts it and runs the job again', async () => {
    const q = queue();
    const runs: { attempt: number; aborted: boolean }[] = [];
    q.define(
      'hang',
      async (_data, run) => {
        const entry = { attempt: run.attempt, aborted: false };
        runs.push(entry);
        if (run.attempt > 1) return;
        await new Promise<void>((resolve) =>
          run.signal.addEventListener('abort', () => {
            entry.aborted = true;
            resolve();
          }),
        );
      },
      { retryLimit: 1, retryDelaySeconds: 0, backoff: false, expireInSeconds: 1 },
    );
    await q.start();
    const id = (await q.send('hang', {}))!;
    const job = await until(async () => {
      const j = await q.boss.getJobById('hang', id);
      return j?.state === 'completed' && j;
    });
    expect(runs).toEqual([
      { attempt: 1, aborted: true },
      { attempt: 2, aborted: false },
    ]);
    expect(job.retryCount).toBe(1);
  });

  it('finishes a job after the queue stops mid-run and starts again', async () => {
    const options: JobOptions = { retryLimit: 3, retryDelaySeconds: 0, backoff: false };
    const first = queue();
    let started = false;
    first.define(
      'import',
      async () => {
        started = true;
        await new Promise(() => undefined);
      },
      options,
    );
    await first.start();
    const id = (await first.send('import', { file: 'contacts.csv' }))!;
    await until(() => started);
    await first.stop();

    const second = queue();
    const finished: unknown[] = [];
    second.define('import', async (data, run) => void finished.push({ data, attempt: run.attempt }), options);
    await second.start();
    await until(() => finished.length === 1);
    expect(finished).toEqual([{ data: { file: 'contacts.csv' }, attempt: 2 }]);
    expect((await second.boss.getJobById('import', id))?.state).toBe('completed');
  });

  it('runs again a job whose process died mid-run, once it expires', async () => {
    const options: JobOptions = { retryLimit: 1, retryDelaySeconds: 0, backoff: false, expireInSeconds: 1 };
    const dead = queue();
    dead.define('scan', async () => undefined, options);
    const id = (await dead.send('scan', {}))!;
    // A process takes the job and dies: nothing ever completes or fails it.
    expect((await dead.boss.fetch('scan')).map((j) => j.id)).toEqual([id]);

    const survivor = queue({ maintenanceIntervalSeconds: 1 });
    const ran: number[] = [];
    survivor.define('scan', async (_data, run) => void ran.push(run.attempt), options);
    await survivor.start();
    await until(() => ran.length === 1);
    expect(ran).toEqual([2]);
  });

  it('registers a cron schedule once per name', async () => {
    const q = queue();
    await q.schedule('digest', '0 7 * * 1-5', { kind: 'daily' });
    await q.schedule('digest', '0 8 * * 1-5', { kind: 'daily' });
    const schedules = await q.boss.getSchedules();
    expect(schedules.map((s) => ({ name: s.name, cron: s.cron, data: s.data }))).toEqual([
      { name: 'digest', cron: '0 8 * * 1-5', data: { kind: 'daily' } },
    ]);
  });

  it('sends one job per idempotency key', async () => {
    const q = queue();
    const first = await q.send('welcome', { userId: 'u1' }, { key: 'u1' });
    const again = await q.send('welcome', { userId: 'u1' }, { key: 'u1' });
    const other = await q.send('welcome', { userId: 'u2' }, { key: 'u2' });
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(again).toBeNull();
    expect(other).not.toBe(first);
  });
});
