import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conflict } from '../../common/errors';
import { rows } from '../db/database';
import { serverModules } from '../modules';
import type { ServerModule } from '../platform';
import { createTestApp, type TestApp } from '../testing';
import { draftError, type Subscription, type WrittenRecord } from '.';

/** What the test module's hooks saw, in order. */
const seen: string[] = [];
const committed: { object: string; ids: string[]; visibleAfterCommit: number }[] = [];
let app: TestApp;

// A module that owns no object of its own and hooks into the accounts and contacts modules' objects.
const watcher: Subscription[] = [
  {
    object: 'accounts',
    hooks: {
      defaults(scope, drafts) {
        seen.push(`defaults:${scope.operation}:${drafts.length}`);
        for (const d of drafts)
          if (!d.before && d.changes.industry === undefined) d.changes.industry = 'Other';
      },
      async validate({ tx, ctx, operation }, drafts) {
        seen.push(`validate:${operation}:${drafts.length}`);
        // A rule that queries: no two live accounts may share a name "Unique …".
        const names = drafts
          .map((d) => d.changes.name)
          .filter((n) => typeof n === 'string' && n.startsWith('Unique'));
        if (names.length === 0) return [];
        const taken = await rows<{ name: string }>(
          tx,
          sql`SELECT name FROM accounts WHERE workspace_id = ${ctx.workspace.id} AND deleted_at IS NULL AND name = ANY(${`{${names.map((n) => `"${String(n)}"`).join(',')}}`}::text[])`,
        );
        return drafts
          .filter((d) => taken.some((t) => t.name === d.changes.name))
          .map((d) => draftError(d, 'name', 'is taken by another account'));
      },
      beforeWrite(scope, drafts) {
        seen.push(`beforeWrite:${scope.operation}:${drafts.length}`);
      },
      async afterWrite({ records, operation }, written: WrittenRecord[]) {
        seen.push(`afterWrite:${operation}:${written.map((w) => w.changed.join('+')).join('|')}`);
        if (written.some((w) => w.after.name === 'Explode after write'))
          throw new Conflict('an afterWrite rule refused the batch');
        // Writes another object in the same transaction, through its own lifecycle.
        const wanted = written.filter(
          (w) =>
            w.operation === 'create' &&
            w.after.tags instanceof Array &&
            (w.after.tags as string[]).includes('with-contact'),
        );
        if (wanted.length)
          await records.create(
            'contacts',
            wanted.map((w, i) => ({
              body: { lastName: `Contact of ${String(w.after.name)}`, accountId: w.id },
              path: `${i}`,
            })),
          );
      },
      async afterCommit(ctx, object, written) {
        const ids = written.map((w) => w.id);
        // Another connection (or PGlite's next turn) sees the rows: the transaction has committed.
        const found = await ctx.db.read((x) =>
          rows<{ n: number }>(
            x,
            sql`SELECT count(*)::int AS n FROM accounts WHERE workspace_id = ${ctx.workspace.id} AND id = ANY(${`{${ids.join(',')}}`}::uuid[])`,
          ),
        );
        committed.push({ object: object.name, ids, visibleAfterCommit: found[0].n });
      },
    },
  },
];
const testModule: ServerModule = { name: 'watcher', subscriptions: watcher };

beforeAll(async () => {
  app = await createTestApp({ modules: [...serverModules, testModule] });
});
afterAll(() => app?.close());

describe('the write lifecycle', () => {
  it('runs defaults, validate, beforeWrite, afterWrite and afterCommit, in that order, for a create', async () => {
    const { cookie } = await app.signup();
    seen.length = 0;
    committed.length = 0;
    const created = await app.call('POST', '/api/v1/accounts', { as: cookie, body: { name: 'Acme' } });
    expect(created.status).toBe(201);
    const account = created.json<{ id: string; industry: string }>();
    expect(account.industry).toBe('Other');
    expect(seen).toEqual([
      'defaults:create:1',
      'validate:create:1',
      'beforeWrite:create:1',
      expect.stringMatching(/^afterWrite:create:.*name/),
    ]);
    expect(committed).toEqual([{ object: 'accounts', ids: [account.id], visibleAfterCommit: 1 }]);
  });

  it('hands afterWrite the operation and the changed fields of an update, a delete and a restore', async () => {
    const { cookie } = await app.signup();
    const { id } = (
      await app.call('POST', '/api/v1/accounts', { as: cookie, body: { name: 'Beta', industry: 'Retail' } })
    ).json<{ id: string }>();
    seen.length = 0;
    expect(
      (
        await app.call('PATCH', `/api/v1/accounts/${id}`, {
          as: cookie,
          body: { employees: 12, industry: 'Retail' },
        })
      ).status,
    ).toBe(200);
    expect((await app.call('DELETE', `/api/v1/accounts/${id}`, { as: cookie })).status).toBe(204);
    expect((await app.call('POST', `/api/v1/accounts/${id}/restore`, { as: cookie })).status).toBe(200);
    expect(seen.filter((s) => s.startsWith('afterWrite'))).toEqual([
      'afterWrite:update:employees',
      'afterWrite:delete:deletedAt',
      'afterWrite:restore:deletedAt',
    ]);
  });

  it('runs a validate hook that queries, on single writes and on every row of a bulk write', async () => {
    const { cookie } = await app.signup();
    expect(
      (await app.call('POST', '/api/v1/accounts', { as: cookie, body: { name: 'Unique One' } })).status,
    ).toBe(201);
    const single = await app.call('POST', '/api/v1/accounts', { as: cookie, body: { name: 'Unique One' } });
    expect(single.status).toBe(400);
    expect(single.json().errors).toEqual([{ path: 'name', message: 'is taken by another account' }]);

    const { id } = (
      await app.call('POST', '/api/v1/accounts', { as: cookie, body: { name: 'Gamma' } })
    ).json<{ id: string }>();
    const bulk = await app.call('POST', '/api/v1/accounts/bulk', {
      as: cookie,
      body: {
        create: [{ name: 'Fine' }, { name: 'Unique One' }, { name: 'Bad', employees: -1 }],
        update: [{ id, name: 'Unique One' }],
      },
    });
    expect(bulk.status).toBe(400);
    expect(bulk.json().errors).toEqual([
      { path: 'create.1.name', message: 'is taken by another account' },
      { path: 'create.2.employees', message: 'cannot be negative' },
      { path: 'update.0.name', message: 'is taken by another account' },
    ]);
    const names = (await app.call('GET', '/api/v1/accounts?sort=name', { as: cookie })).json<{
      data: { name: string }[];
    }>();
    expect(names.data.map((a) => a.name)).toEqual(['Gamma', 'Unique One']);
  });

  it('writes nothing when a hook fails after some rows of a bulk write', async () => {
    const { cookie } = await app.signup();
    const bulk = await app.call('POST', '/api/v1/accounts/bulk', {
      as: cookie,
      body: { create: [{ name: 'First' }, { name: 'Explode after write' }, { name: 'Third' }] },
    });
    expect(bulk.status).toBe(409);
    const list = (await app.call('GET', '/api/v1/accounts', { as: cookie })).json<{ data: unknown[] }>();
    expect(list.data).toEqual([]);
    const history = await app.db.read((x) =>
      rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM record_history`),
    );
    const before = history[0].n;
    expect((await app.call('POST', '/api/v1/accounts', { as: cookie, body: { name: 'After' } })).status).toBe(
      201,
    );
    const after = await app.db.read((x) =>
      rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM record_history`),
    );
    expect(after[0].n).toBe(before + 1);
    // The change event of that create was written with it (the outbox), and none of the failed batch.
    const events = await app.db.read((x) =>
      rows<{ type: string; fields: string[] }>(
        x,
        sql`SELECT e.type, e.fields FROM record_events e JOIN accounts a ON a.workspace_id = e.workspace_id AND a.id = e.record_id WHERE a.name IN ('First', 'Third', 'After')`,
      ),
    );
    expect(events).toEqual([{ type: 'created', fields: expect.arrayContaining(['name', 'ownerId']) }]);
  });

  it('lets a hook write another object in the same transaction, through that object’s lifecycle', async () => {
    const { cookie } = await app.signup();
    const created = await app.call('POST', '/api/v1/accounts', {
      as: cookie,
      body: { name: 'Delta', tags: ['with-contact'] },
    });
    expect(created.status).toBe(201);
    const { id } = created.json<{ id: string }>();
    const people = await app.call('GET', `/api/v1/accounts/${id}/contacts`, { as: cookie });
    // The contacts module's own afterWrite hook ran too: the contact is linked as the account's primary.
    expect(people.json<{ data: { lastName: string; isPrimary: boolean }[] }>().data).toEqual([
      expect.objectContaining({ lastName: 'Contact of Delta', isPrimary: true }),
    ]);
  });
});
