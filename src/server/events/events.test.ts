import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../db/database';
import { JobQueue } from '../jobs/queue';
import { createTestDb } from '../testing';
import { RecordEvents, type RecordEventHandler } from './dispatcher';
import { appendRecordEvents, type RecordEvent, type RecordEventInput } from './outbox';

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

function outbox() {
  const jobs = new JobQueue(db, (e) => errors.push(e), { pollingMs: 50, stopGraceMs: 200 });
  queues.push(jobs);
  return { jobs, events: new RecordEvents(db, jobs, 500, 100) };
}

async function until(probe: () => boolean | Promise<boolean>) {
  const end = Date.now() + 15_000;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const userId = uuidv7();
function change(workspaceId: string, object: string, type: RecordEventInput['type']): RecordEventInput {
  return {
    workspaceId,
    object,
    recordId: uuidv7(),
    type,
    fields: type === 'updated' ? ['email', 'say "hi"'] : [],
    actor: { type: 'user', id: userId },
    userId,
    source: 'app',
  };
}

describe('record events', () => {
  it('delivers committed events to exactly the matching subscribers, and rolled-back ones to none', async () => {
    const workspaceId = uuidv7();
    const committed = [
      change(workspaceId, 'contacts', 'created'),
      change(workspaceId, 'accounts', 'deleted'),
      change(workspaceId, 'contacts', 'updated'),
    ];
    await db.write((tx) => appendRecordEvents(tx, committed));
    await expect(
      db.write(async (tx) => {
        await appendRecordEvents(tx, [change(workspaceId, 'contacts', 'created')]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    const { jobs, events } = outbox();
    const received: Record<string, RecordEvent[]> = { contacts: [], deletions: [], all: [] };
    const into =
      (list: RecordEvent[]): RecordEventHandler =>
      async (event) =>
        void list.push(event);
    events.subscribe('contacts', { objects: ['contacts'] }, into(received.contacts));
    events.subscribe('deletions', { types: ['deleted'] }, into(received.deletions));
    events.subscribe('all', {}, into(received.all));
    await jobs.start();
    await until(() => received.all.length === 3);
    expect(await events.dispatch()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));

    const key = (e: RecordEvent) => `${e.object} ${e.type} ${e.recordId}`;
    const keys = (list: RecordEventInput[]) => list.map((e) => `${e.object} ${e.type} ${e.recordId}`).sort();
    expect(received.contacts.map(key).sort()).toEqual(keys([committed[0], committed[2]]));
    expect(received.deletions.map(key)).toEqual(keys([committed[1]]));
    expect(received.all.map(key).sort()).toEqual(keys(committed));
    const updated = received.all.find((e) => e.type === 'updated')!;
    expect(updated).toEqual({
      workspaceId,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      object: 'contacts',
      recordId: committed[2].recordId,
      type: 'updated',
      fields: ['email', 'say "hi"'],
      actorType: 'user',
      actorId: userId,
      userId,
      source: 'app',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });

    // Writes' usage comes from the same events, one row each, under the event's id.
    const usage = await db.read((x) =>
      rows<{ id: string; action: string; object: string; user_id: string }>(
        x,
        sql`SELECT id, action, object, user_id FROM usage_events WHERE workspace_id = ${workspaceId} ORDER BY id`,
      ),
    );
    expect(usage).toEqual(
      [...received.all]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((e) => ({
          id: e.id,
          object: e.object,
          user_id: userId,
          action: { created: 'create', deleted: 'delete', updated: 'update' }[e.type as string],
        })),
    );
  });

  it('retries a failing subscriber without repeating delivery to the others', async () => {
    const workspaceId = uuidv7();
    const { jobs, events } = outbox();
    const attempts: number[] = [];
    const calm: string[] = [];
    events.subscribe(
      'webhook',
      {},
      async (_event, run) => {
        attempts.push(run.attempt);
        if (run.attempt === 1) throw new Error('endpoint answered 503');
      },
      { retryLimit: 2, retryDelaySeconds: 0, backoff: false },
    );
    events.subscribe('timeline', {}, async (event) => void calm.push(event.recordId));
    await jobs.start();
    const event = change(workspaceId, 'deals', 'created');
    await db.write((tx) => appendRecordEvents(tx, [event]));
    await until(() => attempts.length === 2);
    expect(attempts).toEqual([1, 2]);
    expect(calm).toEqual([event.recordId]);
  });

  it('keeps dispatched events whose subscribers were not running until a later process runs them', async () => {
    const workspaceId = uuidv7();
    const first = outbox();
    first.events.subscribe('search-index', { objects: ['accounts'] }, async () => {
      throw new Error('this process never runs jobs');
    });
    const event = change(workspaceId, 'accounts', 'restored');
    await db.write((tx) => appendRecordEvents(tx, [event]));
    expect(await first.events.dispatch()).toBe(1);
    await first.jobs.stop();

    const second = outbox();
    const indexed: string[] = [];
    second.events.subscribe(
      'search-index',
      { objects: ['accounts'] },
      async (e) => void indexed.push(e.recordId),
    );
    await second.jobs.start();
    await until(() => indexed.length === 1);
    expect(indexed).toEqual([event.recordId]);
  });
});
