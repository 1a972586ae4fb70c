import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../common/jobs';
import { createTestApp, type TestApp } from '../testing';

let app: TestApp;
let admin: { cookie: string; workspaceId: string };
let other: { cookie: string; workspaceId: string };
let rep: { cookie: string };
const ids: Record<string, string> = {};

type Page = { data: JobView[]; nextCursor: string | null };
const list = async (query: string, as = admin.cookie) =>
  (await app.call('GET', `/api/v1/admin/jobs?${query}`, { as })).json<Page>();

async function until(probe: () => Promise<boolean>) {
  const end = Date.now() + 15_000;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Jobs A');
  other = await app.signup('Jobs B');
  rep = await app.addUser(admin.cookie, 'rep');
  const { jobs } = app.platform;
  jobs.define<{ workspaceId: string; fail?: boolean }>(
    'report-email',
    async (data, run) => {
      if (data.fail && run.attempt === 1) throw new Error('SMTP refused');
    },
    { retryLimit: 0 },
  );
  await jobs.start();
  ids.failing = (await jobs.send('report-email', { workspaceId: admin.workspaceId, fail: true }))!;
  ids.done = (await jobs.send('report-email', { workspaceId: admin.workspaceId }))!;
  ids.elsewhere = (await jobs.send('report-email', { workspaceId: other.workspaceId, fail: true }))!;
  for (const name of ['later1', 'later2', 'later3'])
    ids[name] = (await jobs.send('report-email', { workspaceId: admin.workspaceId }, { startAfter: 3600 }))!;
  await until(async () => (await list('state=failed')).data.length === 1);
  await until(async () => (await list('state=completed')).data.length === 1);
}, 60_000);
afterAll(() => app.close());

describe('GET /api/v1/admin/jobs', () => {
  it("lists the workspace's failed jobs with their error", async () => {
    const page = await list('state=failed');
    expect(page.nextCursor).toBeNull();
    expect(page.data).toEqual([
      {
        id: ids.failing,
        name: 'report-email',
        state: 'failed',
        attempts: 1,
        retryLimit: 0,
        createdAt: expect.stringMatching(/Z$/),
        startAfter: expect.stringMatching(/Z$/),
        startedAt: expect.stringMatching(/Z$/),
        completedAt: expect.stringMatching(/Z$/),
        error: 'SMTP refused',
      },
    ]);
    expect((await list('state=failed', other.cookie)).data.map((j) => j.id)).toEqual([ids.elsewhere]);
  });

  it('pages the queued jobs newest first, each once', async () => {
    const first = await list('state=queued&limit=2');
    expect(first.data.map((j) => [j.id, j.state, j.attempts])).toEqual([
      [ids.later3, 'queued', 0],
      [ids.later2, 'queued', 0],
    ]);
    const second = await list(`state=queued&limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((j) => j.id)).toEqual([ids.later1]);
    expect(second.nextCursor).toBeNull();
    expect((await list('state=completed')).data.map((j) => j.id)).toEqual([ids.done]);
    expect((await list('state=running')).data).toEqual([]);
  });

  it('refuses a rep, and a bad state, limit or cursor', async () => {
    const refused = await app.call('GET', '/api/v1/admin/jobs', { as: rep.cookie });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const bad = await app.call('GET', '/api/v1/admin/jobs?state=stuck&limit=0', { as: admin.cookie });
    expect(bad.status).toBe(400);
    expect(
      bad
        .json<{ errors: { path: string }[] }>()
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['limit', 'state']);
    const cursor = await app.call('GET', '/api/v1/admin/jobs?cursor=nonsense', { as: admin.cookie });
    expect(cursor.status).toBe(400);
    expect(cursor.json<{ errors: { path: string }[] }>().errors).toEqual([
      { path: 'cursor', message: 'not a cursor' },
    ]);
  });
});

describe('POST /api/v1/admin/jobs/{id}/retry', () => {
  it('refuses a rep, a job of another workspace, a job that has not failed and a bad id', async () => {
    const retry = (id: string, as = admin.cookie) =>
      app.call('POST', `/api/v1/admin/jobs/${id}/retry`, { as });
    expect((await retry(ids.failing, rep.cookie)).status).toBe(403);
    expect((await retry(ids.elsewhere)).status).toBe(404);
    const done = await retry(ids.done);
    expect(done.status).toBe(409);
    expect(done.json<{ detail: string }>().detail).toBe(
      'Only a failed job can be retried; this one is completed',
    );
    const bad = await retry('not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['id']);
  });

  it('runs a failed job again', async () => {
    const answer = await app.call('POST', `/api/v1/admin/jobs/${ids.failing}/retry`, { as: admin.cookie });
    expect(answer.status).toBe(200);
    // The answer reads the job back; on PostgreSQL a worker may already have taken or run it again.
    expect(answer.json<JobView>()).toMatchObject({ id: ids.failing, retryLimit: 1 });
    expect(['queued', 'running', 'completed']).toContain(answer.json<JobView>().state);
    await until(async () => (await list('state=completed')).data.length === 2);
    const [again] = (await list('state=completed')).data.filter((j) => j.id === ids.failing);
    expect([again.attempts, again.error]).toEqual([2, null]);
    expect((await list('state=failed')).data).toEqual([]);
  });
});
