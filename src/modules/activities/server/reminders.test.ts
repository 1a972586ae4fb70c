import { request as httpRequest, type IncomingMessage } from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../server/app';
import { rows } from '../../../server/db/database';
import { readSettings } from '../../../server/env';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { Notification } from '../contract';
import { reminderQueue } from './reminders';

let app: TestApp;
let second: App | null = null;
let admin: { cookie: string; userId: string; workspaceId: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
});
afterAll(async () => {
  await second?.close();
  await app?.close();
});

async function until<T>(probe: () => Promise<T | null | false | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
async function task(subject: string, reminderAt: string) {
  const response = await app.call('POST', '/api/v1/activities', {
    as: admin.cookie,
    body: { type: 'task', subject, dueAt: reminderAt, reminderAt },
  });
  expect(response.status).toBe(201);
  return response.json<{ id: string }>().id;
}
const notificationsOf = (activityId: string) =>
  app.db.read((x) =>
    rows<{ id: string; created_at: string }>(
      x,
      sql`SELECT id, created_at::text FROM notifications WHERE activity_id = ${activityId}`,
    ),
  );
const queuedReminder = (activityId: string) =>
  app.db.read(async (x) => {
    const found = await rows<{ state: string }>(
      x,
      sql`SELECT state FROM pgboss.job WHERE name = ${reminderQueue} AND data->>'activityId' = ${activityId}`,
    );
    return found.length > 0 && found;
  });

describe('reminders', () => {
  it('fire exactly once across a worker restart, even when the job runs twice', async () => {
    await app.platform.jobs.start();
    const id = await task('Call back Ann', inSeconds(4));
    await until(() => queuedReminder(id));
    // The worker stops before the reminder is due; another server process takes over.
    await app.platform.jobs.stop();
    expect(await notificationsOf(id)).toEqual([]);
    second = await buildApp({
      db: app.db,
      settings: readSettings({ RAPPORT_SECRET: 'test-secret-of-enough-length', RAPPORT_SIGNUP: 'open' }),
    });
    await second.fastify.ready();
    await second.platform.jobs.start();
    await until(async () => (await notificationsOf(id)).length > 0);
    // At-least-once delivery runs a job again (a crash after its work): it must notify no one twice.
    const [job] = await app.db.read((x) =>
      rows<{ data: Record<string, string> }>(
        x,
        sql`SELECT data FROM pgboss.job WHERE name = ${reminderQueue} LIMIT 1`,
      ),
    );
    await second.platform.jobs.send(reminderQueue, job.data);
    await until(async () => {
      const states = await app.db.read((x) =>
        rows<{ state: string }>(x, sql`SELECT state FROM pgboss.job WHERE name = ${reminderQueue}`),
      );
      return states.length === 2 && states.every((s) => s.state === 'completed');
    });
    expect(await notificationsOf(id)).toHaveLength(1);
    const list = await app.call('GET', '/api/v1/me/notifications', { as: admin.cookie });
    expect(list.json<{ data: Notification[] }>().data).toMatchObject([
      { kind: 'reminder', title: 'Call back Ann', activityId: id, readAt: null },
    ]);
    await second.platform.jobs.stop();
  });

  it('follow a changed time: the old time does nothing, the new one fires once; none for a done task', async () => {
    await app.platform.jobs.start();
    const moved = await task('Moved reminder', inSeconds(2));
    const finished = await task('Finished first', inSeconds(2));
    await until(() => queuedReminder(moved));
    const later = inSeconds(5);
    const patch = (id: string, body: unknown) =>
      app.call('PATCH', `/api/v1/activities/${id}`, { as: admin.cookie, body });
    expect((await patch(moved, { reminderAt: later })).status).toBe(200);
    expect((await patch(finished, { done: true })).status).toBe(200);
    const [fired] = await until(async () => {
      const found = await notificationsOf(moved);
      return found.length > 0 && found;
    });
    expect(Date.parse(fired.created_at)).toBeGreaterThanOrEqual(Date.parse(later));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await notificationsOf(moved)).toHaveLength(1);
    expect(await notificationsOf(finished)).toEqual([]);
  });

  it('arrive live over server-sent events, and missed ones are sent on connecting', async () => {
    await app.platform.jobs.start();
    // Earlier tests' reminders are read: only unread ones are sent on connecting.
    const earlier = (await app.call('GET', '/api/v1/me/notifications', { as: admin.cookie })).json<{
      data: Notification[];
    }>().data;
    expect(earlier.length).toBe(2);
    const read = await app.call('POST', '/api/v1/me/notifications/read', {
      as: admin.cookie,
      body: { ids: earlier.map((n) => n.id) },
    });
    expect(read.json()).toEqual({ read: 2 });
    const missed = await task('While you were away', inSeconds(1));
    await until(async () => (await notificationsOf(missed)).length > 0);
    const address = await app.fastify.listen({ port: 0, host: '127.0.0.1' });
    const received: Notification[] = [];
    let raw = '';
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(`${address}/api/v1/me/events`, {
        headers: { cookie: `rapport_session=${admin.cookie}` },
      });
      req.on('response', resolve).on('error', reject).end();
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      raw += chunk;
      for (const block of raw.split('\n\n').slice(0, -1)) {
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) received.push(JSON.parse(data.slice(6)) as Notification);
      }
      raw = raw.split('\n\n').pop() ?? '';
    });
    await until(async () => received.length === 1);
    const live = await task('Live one', inSeconds(2));
    await until(async () => received.length === 2);
    expect(received.map((n) => [n.title, n.activityId])).toEqual([
      ['While you were away', missed],
      ['Live one', live],
    ]);
    // The catch-up read of the table (every 5 s) sends nothing already sent, nor the read ones.
    await new Promise((r) => setTimeout(r, 6000));
    expect(received).toHaveLength(2);
    response.destroy();
    const unauthenticated = await app.call('GET', '/api/v1/me/events');
    expect(unauthenticated.status).toBe(401);
  });
});
