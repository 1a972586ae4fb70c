import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: { cookie: string; userId: string };
let accountId: string;
let contactId: string;

const create = (body: Record<string, unknown>, as = admin.cookie) =>
  app.call('POST', '/api/v1/activities', { as, body });

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  accountId = (
    await app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'Acme' } })
  ).json<{
    id: string;
  }>().id;
  contactId = (
    await app.call('POST', '/api/v1/contacts', { as: admin.cookie, body: { lastName: 'Avery', accountId } })
  ).json<{ id: string }>().id;
});
afterAll(() => app?.close());

describe('activities', () => {
  it('logs a call linked to an account and a contact, assigned to its author, happening now', async () => {
    const links = [
      { object: 'accounts', id: accountId },
      { object: 'contacts', id: contactId },
    ];
    const call = await create({
      type: 'call',
      subject: 'Renewal',
      direction: 'outbound',
      outcome: 'connected',
      links,
    });
    expect(call.status).toBe(201);
    const body = call.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      type: 'call',
      subject: 'Renewal',
      direction: 'outbound',
      outcome: 'connected',
      bodyFormat: 'text',
      done: false,
      doneAt: null,
      assigneeId: admin.userId,
      links,
    });
    expect(typeof body.occurredAt).toBe('string');
    const byContact = await app.call('GET', `/api/v1/activities?filter[links][eq]=contacts:${contactId}`, {
      as: admin.cookie,
    });
    expect(byContact.json<{ data: { id: string }[] }>().data.map((a) => a.id)).toEqual([body.id]);
  });

  it('keeps the safe part of HTML and removes scripts, event handlers and javascript: links', async () => {
    const note = await create({
      type: 'note',
      bodyFormat: 'html',
      body: '<p onclick="steal()">Hello <b>there</b><script>alert(1)</script><a href="javascript:alert(1)">x</a><a href="https://acme.com">site</a><img src="x" onerror="alert(1)"></p>',
    });
    expect(note.status).toBe(201);
    expect(note.json<{ body: string }>().body).toBe(
      '<p>Hello <b>there</b><a>x</a><a href="https://acme.com">site</a><img src="x" /></p>',
    );
  });
});

describe('bad input', () => {
  const errorsOf = (r: { json<T>(): T }) => r.json<{ errors: { path: string; message: string }[] }>().errors;

  it('refuses an invalid RRULE, one that never ends and one that repeats too often, by field', async () => {
    const dueAt = '2030-01-07T09:00:00.000Z';
    for (const [recurrence, message] of [
      ['FREQ=SOMETIMES;COUNT=3', 'is not a valid RRULE (RFC 5545), such as FREQ=WEEKLY;BYDAY=MO;COUNT=10'],
      ['FREQ=WEEKLY;BYDAY=MO', 'must end: give COUNT or UNTIL'],
      ['FREQ=DAILY;COUNT=5000', 'may repeat at most 1000 times'],
      ['FREQ=DAILY;UNTIL=29990101T000000Z', 'must end within 10 years'],
      [
        'DTSTART:20300101T000000Z\nRRULE:FREQ=DAILY;COUNT=2',
        'must be one RRULE without DTSTART, such as FREQ=WEEKLY;BYDAY=MO;COUNT=10',
      ],
    ]) {
      const refused = await create({ type: 'task', subject: 'Repeat', dueAt, recurrence });
      expect(refused.status).toBe(400);
      expect(errorsOf(refused)).toEqual([{ path: 'recurrence', message }]);
    }
    const noStart = await create({ type: 'task', subject: 'Repeat', recurrence: 'FREQ=DAILY;COUNT=2' });
    expect(errorsOf(noStart)).toEqual([
      { path: 'recurrence', message: 'needs a due time (or a start) to repeat from' },
    ]);
    const list = await app.call('GET', '/api/v1/activities?filter[subject][eq]=Repeat', { as: admin.cookie });
    expect(list.json<{ data: unknown[] }>().data).toEqual([]);
  });

  it('refuses a reminder in the past, on create and on update', async () => {
    const past = new Date(Date.now() - 10 * 60_000).toISOString();
    const refused = await create({ type: 'task', subject: 'Late', dueAt: past, reminderAt: past });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused)).toEqual([
      { path: 'reminderAt', message: 'is in the past; choose a time from now on' },
    ]);
    const task = (await create({ type: 'task', subject: 'Soon' })).json<{ id: string }>();
    const patched = await app.call('PATCH', `/api/v1/activities/${task.id}`, {
      as: admin.cookie,
      body: { reminderAt: past },
    });
    expect(patched.status).toBe(400);
    expect(
      (await app.call('GET', `/api/v1/activities/${task.id}`, { as: admin.cookie })).json(),
    ).toMatchObject({
      reminderAt: null,
      version: 1,
    });
  });

  it('refuses links to a record that does not exist, of another workspace, or of no object', async () => {
    const stranger = await app.signup('Elsewhere');
    const foreign = (
      await app.call('POST', '/api/v1/accounts', { as: stranger.cookie, body: { name: 'Foreign' } })
    ).json<{ id: string }>().id;
    const missing = '01900000-0000-7000-8000-000000000000';
    const refused = await create({
      type: 'call',
      links: [
        { object: 'accounts', id: foreign },
        { object: 'contacts', id: missing },
        { object: 'planets', id: missing },
      ],
    });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused)).toEqual([
      { path: 'links.0.id', message: `no accounts record with id ${foreign}` },
      { path: 'links.1.id', message: `no contacts record with id ${missing}` },
      { path: 'links.2.object', message: 'there is no object called "planets"' },
    ]);
  });

  it('refuses an unknown type, direction or body format', async () => {
    const refused = await create({ type: 'fax', direction: 'sideways', bodyFormat: 'rtf' });
    expect(refused.status).toBe(400);
    expect(
      errorsOf(refused)
        .map((e) => e.path)
        .sort(),
    ).toEqual(['bodyFormat', 'direction', 'type']);
  });
});

describe('tasks', () => {
  it('stamps doneAt when done, clears it when reopened', async () => {
    const task = (
      await create({ type: 'task', subject: 'Send the proposal', dueAt: '2030-03-01T10:00:00.000Z' })
    ).json<{
      id: string;
    }>();
    const done = await app.call('PATCH', `/api/v1/activities/${task.id}`, {
      as: admin.cookie,
      body: { done: true },
    });
    expect(done.json<{ doneAt: string }>().doneAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const reopened = await app.call('PATCH', `/api/v1/activities/${task.id}`, {
      as: admin.cookie,
      body: { done: false },
    });
    expect(reopened.json()).toMatchObject({ done: false, doneAt: null });
  });

  it('completing a repeating task creates the next occurrence with the rest of the series', async () => {
    const first = (
      await create({
        type: 'task',
        subject: 'Weekly check-in',
        dueAt: '2030-01-07T09:00:00.000Z',
        reminderAt: '2030-01-07T08:45:00.000Z',
        recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3',
        links: [{ object: 'accounts', id: accountId }],
      })
    ).json<{ id: string }>();
    const complete = (id: string) =>
      app.call('PATCH', `/api/v1/activities/${id}`, { as: admin.cookie, body: { done: true } });
    expect((await complete(first.id)).status).toBe(200);
    const series = async () =>
      (
        await app.call('GET', '/api/v1/activities?filter[subject][eq]=Weekly check-in&sort=dueAt', {
          as: admin.cookie,
        })
      ).json<{
        data: { id: string; dueAt: string; reminderAt: string; recurrence: string | null; done: boolean }[];
      }>().data;
    const [, second] = await series();
    expect(second).toMatchObject({
      dueAt: '2030-01-10T09:00:00.000Z',
      reminderAt: '2030-01-10T08:45:00.000Z',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=2',
      done: false,
    });
    await complete(second.id);
    const third = (await series())[2];
    expect(third).toMatchObject({ dueAt: '2030-01-14T09:00:00.000Z', done: false });
    expect(third.recurrence ?? null).toBeNull();
    await complete(third.id);
    expect(await series()).toHaveLength(3);
  });
});

describe('the OpenAPI document', () => {
  it('describes the activities object and the module routes', async () => {
    const doc = (await app.call('GET', '/api/v1/openapi.json', { as: admin.cookie })).json<{
      paths: Record<string, unknown>;
    }>();
    for (const path of [
      '/activities',
      '/{object}/{id}/timeline',
      '/me/day',
      '/me/calendar-feed',
      '/me/calendar-feed/rotate',
      '/me/events',
      '/me/notifications',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });
});
