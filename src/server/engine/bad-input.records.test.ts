import { describe, expect, it } from 'vitest';
import {
  setUpBadInput,
  app,
  admin,
  key,
  other,
  counts,
  refused,
  paths,
  createAccount,
} from './badInput.setup';

setUpBadInput();

/** 404 across workspaces, 412 on stale versions, Idempotency-Key and all-or-nothing bulk. */

describe('404 for another workspace, 412, idempotency, bulk', () => {
  it('answers 404, never 403, for another workspace’s record, to every verb', async () => {
    const theirs = (
      await app.call('POST', '/api/v1/accounts', { as: other.cookie, body: { name: 'Theirs' } })
    ).json<{ id: string; version: number }>();
    await refused(
      404,
      () => app.call('GET', `/api/v1/accounts/${theirs.id}`, { as: admin.cookie }),
      () => app.call('GET', `/api/v1/accounts/${theirs.id}`, { as: key }),
      () =>
        app.call('PATCH', `/api/v1/accounts/${theirs.id}`, { as: admin.cookie, body: { name: 'Mine now' } }),
      () => app.call('DELETE', `/api/v1/accounts/${theirs.id}`, { as: admin.cookie }),
      () => app.call('POST', `/api/v1/accounts/${theirs.id}/restore`, { as: admin.cookie }),
      () => app.call('GET', `/api/v1/accounts/${theirs.id}/history`, { as: admin.cookie }),
      () => app.call('GET', `/api/v1/accounts/${theirs.id}/contacts`, { as: admin.cookie }),
    );
    const [ref] = await refused(400, () =>
      app.call('POST', '/api/v1/contacts', {
        as: admin.cookie,
        body: { lastName: 'X', accountId: theirs.id },
      }),
    );
    expect(paths(ref)).toEqual(['accountId']);
    const still = await app.call('GET', `/api/v1/accounts/${theirs.id}`, { as: other.cookie });
    expect(still.json<{ name: string; version: number }>()).toMatchObject({ name: 'Theirs', version: 1 });
  });

  it('answers a stale If-Match with 412 and changes nothing', async () => {
    const target = await createAccount({ employees: 1 });
    const moved = await app.call('PATCH', `/api/v1/accounts/${target.id}`, {
      as: admin.cookie,
      body: { employees: 2 },
      headers: { 'if-match': '"1"' },
    });
    expect(moved.status).toBe(200);
    expect(moved.headers.etag).toBe('"2"');
    await refused(
      412,
      () =>
        app.call('PATCH', `/api/v1/accounts/${target.id}`, {
          as: admin.cookie,
          body: { employees: 3 },
          headers: { 'if-match': '"1"' },
        }),
      () =>
        app.call('PATCH', `/api/v1/accounts/${target.id}`, {
          as: key,
          body: { employees: 3 },
          headers: { 'if-match': 'W/"7"' },
        }),
    );
    const [badHeader] = await refused(400, () =>
      app.call('PATCH', `/api/v1/accounts/${target.id}`, {
        as: admin.cookie,
        body: { employees: 3 },
        headers: { 'if-match': 'yesterday' },
      }),
    );
    expect(paths(badHeader)).toEqual(['If-Match']);
    const now = await app.call('GET', `/api/v1/accounts/${target.id}`, { as: admin.cookie });
    expect(now.json<{ employees: number; version: number }>()).toMatchObject({ employees: 2, version: 2 });
    const history = await app.call('GET', `/api/v1/accounts/${target.id}/history`, { as: admin.cookie });
    expect(history.json<{ data: unknown[] }>().data).toHaveLength(2);
  });

  it('replays the same Idempotency-Key and body, and refuses the key with another body (409)', async () => {
    const headers = { 'idempotency-key': 'order-42' };
    const first = await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Once' },
      headers,
    });
    expect(first.status).toBe(201);
    const before = await counts();
    const again = await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Once' },
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await counts()).toEqual(before);
    const [conflict] = await refused(409, () =>
      app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'Twice' }, headers }),
    );
    expect(conflict.title).toBe('Conflict');
    // A refused body under a new key claims nothing: the key stays free for a good body.
    await refused(400, () =>
      app.call('POST', '/api/v1/accounts', {
        as: admin.cookie,
        body: { name: 5 },
        headers: { 'idempotency-key': 'order-43' },
      }),
    );
    const later = await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Fine' },
      headers: { 'idempotency-key': 'order-43' },
    });
    expect(later.status).toBe(201);
    expect(later.json<{ name: string }>().name).toBe('Fine');
  });

  it('refuses a bulk request with bad rows, listing each by index, and writes none of it', async () => {
    const good = await createAccount();
    const create = Array.from({ length: 8 }, (_, i) => ({ name: `Bulk ${i}`, employees: i }));
    create[5] = { name: 'Bulk 5', employees: 'five' as unknown as number };
    create[7] = { employees: 7 } as (typeof create)[number];
    const [p] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts/bulk', {
        as: admin.cookie,
        body: {
          create,
          update: [
            { id: good.id, employees: 10 },
            { id: good.id, website: 'not a url' },
          ],
          delete: [good.id, 'x'],
        },
      }),
    );
    expect(paths(p).sort()).toEqual(['delete.1']);
    const [rowsOnly] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts/bulk', {
        as: admin.cookie,
        body: {
          create,
          update: [
            { id: good.id, employees: 10 },
            { id: good.id, website: 'not a url' },
          ],
        },
      }),
    );
    // The same record twice in one request is refused too (which change wins would be left to chance).
    expect(paths(rowsOnly).sort()).toEqual([
      'create.5.employees',
      'create.7.name',
      'update.1.id',
      'update.1.website',
    ]);
    const [tooMany] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts/bulk', {
        as: admin.cookie,
        body: { create: Array.from({ length: 1001 }, (_, i) => ({ name: `n${i}` })) },
      }),
    );
    expect(tooMany.errors?.length).toBe(1);
    const [missing] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts/bulk', {
        as: admin.cookie,
        body: { create: [{ name: 'ok' }], delete: ['00000000-0000-7000-8000-000000000000'] },
      }),
    );
    expect(paths(missing)).toEqual(['delete.0']);
  });
});
