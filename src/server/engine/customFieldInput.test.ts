import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Chotchkie Co');
});
afterAll(() => app.close());

type Problem = { errors: { path: string; message: string }[] };
interface ObjectMeta {
  name: string;
  fields: { name: string; options?: { value: string; label: string }[] }[];
}
const addField = (body: unknown) =>
  app.call('POST', '/api/v1/metadata/objects/accounts/fields', { as: admin.cookie, body });
const optionsOf = (meta: ObjectMeta, field: string) => meta.fields.find((f) => f.name === field)?.options;

describe('custom field input', () => {
  it('takes select options as plain strings, each its own value and label', async () => {
    const added = await addField({
      name: 'segment',
      label: 'Segment',
      type: 'select',
      options: ['Retail', { value: 'banking', label: 'Banking' }, 'Public Sector'],
    });
    expect(added.status).toBe(201);
    expect(optionsOf(added.json<ObjectMeta>(), 'segment')).toEqual([
      { value: 'Retail', label: 'Retail' },
      { value: 'banking', label: 'Banking' },
      { value: 'Public Sector', label: 'Public Sector' },
    ]);
    const account = await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Initech', segment: 'Public Sector' },
    });
    expect(account.status).toBe(201);
    expect(account.json().segment).toBe('Public Sector');

    const changed = await app.call('PATCH', '/api/v1/metadata/objects/accounts/fields/segment', {
      as: admin.cookie,
      body: { options: ['Retail', 'Banking', 'Public Sector'] },
    });
    expect(changed.status).toBe(200);
    expect(optionsOf(changed.json<ObjectMeta>(), 'segment')).toEqual([
      { value: 'Retail', label: 'Retail' },
      { value: 'Banking', label: 'Banking' },
      { value: 'Public Sector', label: 'Public Sector' },
    ]);
  });

  it('refuses an empty option at its path', async () => {
    const refused = await addField({
      name: 'region',
      label: 'Region',
      type: 'multiselect',
      options: ['North', ''],
    });
    expect(refused.status).toBe(400);
    expect(refused.json<Problem>().errors.map((e) => e.path)).toEqual(['options.1']);
  });

  it('refuses field names every JavaScript object already has, for custom fields and custom objects', async () => {
    const inherited = 'is a name every JavaScript object already has';
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
      const refused = await addField({ name, label: name, type: 'text' });
      expect(refused.status).toBe(400);
      expect(refused.json<Problem>().errors).toEqual([{ path: 'name', message: inherited }]);
    }
    const proto = await addField({ name: '__proto__', label: 'Proto', type: 'text' });
    expect(proto.status).toBe(400);
    expect(proto.json<Problem>().errors.map((e) => e.path)).toContain('name');

    const object = await app.call('POST', '/api/v1/metadata/objects', {
      as: admin.cookie,
      body: {
        name: 'projects',
        label: 'Project',
        labelPlural: 'Projects',
        fields: [
          { name: 'budget', label: 'Budget', type: 'money' },
          { name: 'valueOf', label: 'Value', type: 'number' },
        ],
      },
    });
    expect(object.status).toBe(400);
    expect(object.json<Problem>().errors).toEqual([{ path: 'fields.1.name', message: inherited }]);
    const constructor = await app.call('POST', '/api/v1/metadata/objects', {
      as: admin.cookie,
      body: { name: 'constructor', label: 'Constructor', labelPlural: 'Constructors' },
    });
    expect(constructor.status).toBe(400);
    expect(constructor.json<Problem>().errors).toEqual([{ path: 'name', message: inherited }]);

    const meta = await app.call('GET', '/api/v1/metadata/objects', { as: admin.cookie });
    const names = meta.json<{ data: ObjectMeta[] }>().data.map((o) => o.name);
    expect(names).not.toContain('projects');
    expect(names).not.toContain('constructor');
  });

  it('reads values as own properties only: a field named like an inherited member breaks no write', async () => {
    // Such a field can only come from before names were checked; it must not break later writes.
    const { sql } = await import('drizzle-orm');
    await app.db.write((tx) =>
      tx.execute(
        sql`INSERT INTO field_definitions (workspace_id, id, object, name, label, type)
          VALUES (${admin.workspaceId}, gen_random_uuid(), 'accounts', 'valueOf', 'Legacy', 'text')`,
      ),
    );
    await app.db.write((tx) =>
      tx.execute(
        sql`UPDATE workspaces SET metadata_version = metadata_version + 1 WHERE id = ${admin.workspaceId}`,
      ),
    );
    await app.platform.changes.announce(admin.workspaceId);
    const created = await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Still fine' },
    });
    expect(created.status, created.body).toBe(201);
    const updated = await app.call('PATCH', `/api/v1/accounts/${created.json<{ id: string }>().id}`, {
      as: admin.cookie,
      body: { industry: 'Retail' },
    });
    expect(updated.status, updated.body).toBe(200);
  });
});
