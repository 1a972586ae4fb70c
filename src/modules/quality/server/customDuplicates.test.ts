import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import { systemContext } from '../../../server/seed/context';
import { createTestApp, type TestApp } from '../../../server/testing';
import { likeness } from './rules';

/** Issue 13 (4): a custom object's email, phone and domain fields (in JSONB) are duplicate rules too. */
let app: TestApp;
let admin: { cookie: string; userId: string; workspaceId: string };

type Found = { id: string; score: number; reasons: string[] };
const call = (method: 'GET' | 'POST', path: string, body?: unknown) =>
  app.call(method, `/api/v1/${path}`, { as: admin.cookie, body });
const create = async (object: string, body: Record<string, unknown>) => {
  const response = await call('POST', object, body);
  expect(response.status, response.body).toBe(201);
  return response.json<{ id: string }>().id;
};
const check = async (object: string, body: Record<string, unknown>) => {
  const response = await call('POST', `${object}/duplicates/check`, body);
  expect(response.status, response.body).toBe(200);
  return response.json<{ data: Found[] }>().data;
};

beforeAll(async () => {
  app = await createTestApp();
  await app.platform.jobs.start();
  admin = await app.signup('Custom Duplicates');
  for (const name of ['vendors', 'partners']) {
    const made = await call('POST', 'metadata/objects', {
      name,
      label: name.slice(0, -1),
      labelPlural: name,
    });
    expect(made.status, made.body).toBe(201);
    for (const body of [
      { name: 'contactEmail', label: 'Contact email', type: 'email' },
      { name: 'contactPhone', label: 'Contact phone', type: 'phone' },
    ]) {
      const field = await call('POST', `metadata/objects/${name}/fields`, body);
      expect(field.status, field.body).toBe(201);
    }
  }
});
afterAll(() => app.close());

describe("a custom object's exact duplicate rules", () => {
  let northwind: string;
  let again: string;
  let traders: string;

  it('find a record with the same email or phone, whatever the case and spaces, before and after saving', async () => {
    northwind = await create('vendors', {
      name: 'Northwind Traders',
      contactEmail: 'Sales@Northwind.example',
      contactPhone: '+44 20 7946 0018',
    });
    // Another object with a field of the same name is not this one.
    await create('partners', { name: 'Partner', contactEmail: 'sales@northwind.example' });
    expect(
      await check('vendors', { name: 'Quite Unlike', contactEmail: '  SALES@northwind.EXAMPLE ' }),
    ).toEqual([{ id: northwind, score: 1, reasons: ['same contact email'] }]);
    expect(await check('vendors', { name: 'Other Name', contactPhone: '+44 (20) 7946-0018' })).toEqual([
      { id: northwind, score: 0.9, reasons: ['same contact phone'] },
    ]);
    expect(await check('vendors', { name: 'Other Name', contactEmail: 'buyer@northwind.example' })).toEqual(
      [],
    );

    // The create answers the likely duplicates, as a contact's or an account's does.
    const made = await call('POST', 'vendors', {
      name: 'NW Buying',
      contactEmail: 'SALES@NORTHWIND.example',
    });
    expect(made.status, made.body).toBe(201);
    const answer = made.json<{ id: string; likelyDuplicates: Found[] }>();
    again = answer.id;
    expect(answer.likelyDuplicates).toEqual([{ id: northwind, score: 1, reasons: ['same contact email'] }]);
    const found = (await call('GET', `vendors/${again}/duplicates`)).json<{ data: Found[] }>();
    expect(found.data).toEqual([{ id: northwind, score: 1, reasons: ['same contact email'] }]);
    const included = (await call('GET', `vendors/${again}?include=likelyDuplicates`)).json<{
      likelyDuplicates: Found[];
    }>();
    expect(included.likelyDuplicates).toEqual(answer.likelyDuplicates);

    // Names alike with the same email domain, at the workspace's threshold.
    traders = await create('vendors', {
      name: 'Northwind Traders Ltd',
      contactEmail: 'bob@northwind.example',
    });
    const alike = (await call('GET', `vendors/${traders}/duplicates`)).json<{ data: Found[] }>().data;
    expect(alike.map((d) => [d.id, d.reasons])).toEqual([[northwind, ['similar name', 'same email domain']]]);
    expect(alike[0].score).toBeGreaterThanOrEqual(0.6);
    expect(alike[0].score).toBeLessThan(1);
  });

  it('fill the review queue through the background scan', async () => {
    const started = await call('POST', 'duplicates/scan', { object: 'vendors' });
    expect(started.status).toBe(202);
    const id = started.json<{ id: string }>().id;
    let scan = started.json<{ status: string; scanned: number }>();
    for (let i = 0; i < 200 && scan.status !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      scan = (await call('GET', `duplicates/scans/${id}`)).json();
    }
    expect(scan).toMatchObject({ status: 'done', scanned: 3 });
    const queue = (await call('GET', 'duplicates?object=vendors')).json<{
      data: { recordIds: string[]; score: number; reasons: string[] }[];
    }>();
    expect(queue.data.map((p) => [[...p.recordIds].sort(), p.reasons])).toEqual([
      [[northwind, again].sort(), ['same contact email']],
      [[northwind, traders].sort(), ['similar name', 'same email domain']],
    ]);
  });

  it('refuse a second record with the same email once an admin makes the field unique', async () => {
    const rule = await call('POST', 'validation-rules', {
      object: 'vendors',
      field: 'contactEmail',
      kind: 'unique',
    });
    expect(rule.status, rule.body).toBe(201);
    const refused = await call('POST', 'vendors', { name: 'Third', contactEmail: ' bob@NORTHWIND.example' });
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({
      errors: [{ path: 'contactEmail', message: `is already used by another vendor (${traders})` }],
    });
    expect(
      (await call('POST', 'vendors', { name: 'Fourth', contactEmail: 'new@northwind.example' })).status,
    ).toBe(201);
    expect(
      (await call('POST', 'partners', { name: 'Fifth', contactEmail: 'bob@northwind.example' })).status,
    ).toBe(201);
  });

  it('look the values up through the index of the custom column', async () => {
    await app.db.write(async (tx) => {
      await tx.execute(
        sql`INSERT INTO custom_records (workspace_id, id, object_name, name, owner_id, custom)
          SELECT ${admin.workspaceId}::uuid, gen_random_uuid(), 'vendors', 'Vendor ' || n, ${admin.userId}::uuid,
            jsonb_build_object('contactEmail', 'buyer' || n || '@vendor' || n || '.example',
              'contactPhone', '+4420794' || lpad(n::text, 5, '0'))
          FROM generate_series(1, 4000) AS n`,
      );
      await tx.execute(sql`ANALYZE custom_records`);
    });
    const ctx = await systemContext(app.db, admin.workspaceId, admin.userId);
    const vendors = await app.platform.registry.object(app.db, ctx.workspace, 'vendors', null);
    const plan = async (query: ReturnType<typeof sql>) =>
      (await app.db.read((x) => rows<{ 'QUERY PLAN': string }>(x, sql`EXPLAIN ${query}`)))
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    const lookup = await plan(
      sql`SELECT candidate.id FROM custom_records AS r
        CROSS JOIN LATERAL (${likeness(vendors, 0.6).candidates}) AS candidate
        WHERE r.workspace_id = ${admin.workspaceId} AND r.id = ${northwind}`,
    );
    expect(lookup).toContain('custom_records_custom_idx');
    const unique = await plan(
      sql`SELECT t.id FROM custom_records AS t WHERE t.workspace_id = ${admin.workspaceId}
        AND t.deleted_at IS NULL AND t.custom @> '{"contactEmail": "buyer7@vendor7.example"}'::jsonb`,
    );
    expect(unique).toContain('custom_records_custom_idx');
  });
});
