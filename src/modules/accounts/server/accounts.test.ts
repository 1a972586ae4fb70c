import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: { cookie: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
});
afterAll(() => app.close());

describe('accounts', () => {
  it('creates, reads, updates with If-Match, bins and restores an account', async () => {
    const created = await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: {
        name: 'Acme <b>Corp</b> 🚀',
        domain: 'https://www.ACME.com/about',
        employees: 120,
        annualRevenue: '1250000.50',
        industry: 'Retail',
        phone: '+1 (415) 555-0100',
        billingAddress: { city: 'Lyon', country: 'FR' },
      },
    });
    expect(created.status).toBe(201);
    const account = created.json<Record<string, unknown>>();
    expect(account.name).toBe('Acme <b>Corp</b> 🚀');
    expect(account.domain).toBe('acme.com');
    expect(account.phone).toBe('+14155550100');
    expect(account.annualRevenue).toBe('1250000.50');
    expect(account.version).toBe(1);
    expect(created.headers.etag).toBe('"1"');

    const stale = await app.call('PATCH', `/api/v1/accounts/${account.id}`, {
      as: admin.cookie,
      body: { employees: 150 },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.json().employees).toBe(150);
    expect(stale.json().version).toBe(2);
    const conflict = await app.call('PATCH', `/api/v1/accounts/${account.id}`, {
      as: admin.cookie,
      body: { employees: 999 },
      headers: { 'if-match': '"1"' },
    });
    expect(conflict.status).toBe(412);
    const again = await app.call('GET', `/api/v1/accounts/${account.id}`, { as: admin.cookie });
    expect(again.json().employees).toBe(150);

    const history = await app.call('GET', `/api/v1/accounts/${account.id}/history`, { as: admin.cookie });
    const entries = history.json<{
      data: {
        changes: { field: string; from: unknown; to: unknown }[];
        actor: { name: string };
        source: string;
      }[];
    }>().data;
    expect(entries).toHaveLength(2);
    expect(entries[0].changes).toEqual([{ field: 'employees', from: 120, to: 150 }]);
    expect(entries[0].actor.name).toBe('Ada Admin');
    expect(entries[0].source).toBe('app');

    expect((await app.call('DELETE', `/api/v1/accounts/${account.id}`, { as: admin.cookie })).status).toBe(
      204,
    );
    expect((await app.call('GET', `/api/v1/accounts/${account.id}`, { as: admin.cookie })).status).toBe(404);
    const restored = await app.call('POST', `/api/v1/accounts/${account.id}/restore`, { as: admin.cookie });
    expect(restored.status).toBe(200);
    expect(restored.json().name).toBe('Acme <b>Corp</b> 🚀');
  });

  it('lists with filters, sort and keyset pages', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({
      name: `Page Co ${String(i).padStart(2, '0')}`,
      employees: i * 10,
      industry: i % 2 ? 'Retail' : 'Energy',
    }));
    const bulk = await app.call('POST', '/api/v1/accounts/bulk', {
      as: admin.cookie,
      body: { create: rows },
    });
    expect(bulk.status).toBe(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/accounts?limit=7&sort=-employees&filter[industry][eq]=Retail&filter[name][startsWith]=page co${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await app.call('GET', url, { as: admin.cookie });
      expect(page.status).toBe(200);
      const body = page.json<{ data: { name: string; employees: number }[]; nextCursor: string | null }>();
      seen.push(...body.data.map((d) => d.name));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(
      rows
        .filter((_, i) => i % 2)
        .map((r) => r.name)
        .reverse(),
    );
  });

  it('exports a view with an "any" filter group through POST /export, formula-safe', async () => {
    const names = ['Export North', '=cmd|calc Export', 'Export South'];
    for (const name of names)
      await app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name } });
    const exported = await app.call('POST', '/api/v1/accounts/export', {
      as: admin.cookie,
      body: {
        format: 'csv',
        filter: {
          or: [
            { field: 'name', op: 'eq', value: 'Export North' },
            { field: 'name', op: 'contains', value: 'calc' },
          ],
        },
        sort: 'name',
        fields: ['name'],
      },
    });
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    const lines = exported.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines.map((l) => l.split(',')[1])).toEqual(['Name', "'=cmd|calc Export", 'Export North']);
    const bad = await app.call('POST', '/api/v1/accounts/export', {
      as: admin.cookie,
      body: { format: 'pdf' },
    });
    expect(bad.status).toBe(400);
    const badQuery = await app.call('GET', '/api/v1/accounts/export?format=pdf', { as: admin.cookie });
    expect(badQuery.status).toBe(400);
    expect(badQuery.json<{ errors: { path: string }[] }>().errors[0].path).toBe('format');
  });
});
