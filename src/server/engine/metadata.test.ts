import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Meta Co');
});
afterAll(() => app.close());

interface ObjectMeta {
  name: string;
  fields: { name: string; type: string; custom: boolean; retired?: boolean; reference?: string }[];
}

describe('custom fields and objects', () => {
  it('adds a select field at once: usable in create, filter, sort; relabel and retire it', async () => {
    const added = await app.call('POST', '/api/v1/metadata/objects/accounts/fields', {
      as: admin.cookie,
      body: {
        name: 'tier',
        label: 'Tier',
        type: 'select',
        options: [
          { value: 'gold', label: 'Gold' },
          { value: 'silver', label: 'Silver' },
        ],
      },
    });
    expect(added.status).toBe(201);
    expect(added.json<ObjectMeta>().fields.find((f) => f.name === 'tier')).toMatchObject({
      type: 'select',
      custom: true,
    });
    const bad = await app.call('POST', '/api/v1/accounts', {
      as: admin.cookie,
      body: { name: 'Bronze Co', tier: 'bronze' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors[0].path).toBe('tier');
    for (const [name, tier] of [
      ['Gold B', 'gold'],
      ['Silver A', 'silver'],
      ['Gold A', 'gold'],
    ]) {
      expect(
        (await app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name, tier } })).status,
      ).toBe(201);
    }
    const golds = await app.call('GET', '/api/v1/accounts?filter[tier][eq]=gold&sort=-tier,name', {
      as: admin.cookie,
    });
    expect(golds.json<{ data: { name: string; tier: string }[] }>().data.map((a) => a.name)).toEqual([
      'Gold A',
      'Gold B',
    ]);
    const relabel = await app.call('PATCH', '/api/v1/metadata/objects/accounts/fields/tier', {
      as: admin.cookie,
      body: { label: 'Service tier', retired: true },
    });
    expect(relabel.status).toBe(200);
    const after = await app.call('GET', '/api/v1/accounts?limit=1', { as: admin.cookie });
    expect(Object.keys(after.json<{ data: object[] }>().data[0])).not.toContain('tier');
    expect(
      (await app.call('GET', '/api/v1/accounts?filter[tier][eq]=gold', { as: admin.cookie })).status,
    ).toBe(400);
  });

  it('refuses a field whose name exists, a select without options, and non-admins', async () => {
    expect(
      (
        await app.call('POST', '/api/v1/metadata/objects/accounts/fields', {
          as: admin.cookie,
          body: { name: 'industry', label: 'X', type: 'text' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await app.call('POST', '/api/v1/metadata/objects/accounts/fields', {
          as: admin.cookie,
          body: { name: 'kind', label: 'Kind', type: 'select' },
        })
      ).status,
    ).toBe(400);
    const rep = await app.addUser(admin.cookie, 'rep');
    expect(
      (
        await app.call('POST', '/api/v1/metadata/objects/accounts/fields', {
          as: rep.cookie,
          body: { name: 'x1', label: 'X', type: 'text' },
        })
      ).status,
    ).toBe(403);
  });

  it('defines a custom object with a reference to accounts, served by every record endpoint', async () => {
    const defined = await app.call('POST', '/api/v1/metadata/objects', {
      as: admin.cookie,
      body: {
        name: 'projects',
        label: 'Project',
        labelPlural: 'Projects',
        fields: [
          { name: 'budget', label: 'Budget', type: 'money' },
          { name: 'startsOn', label: 'Starts on', type: 'date' },
          { name: 'accountRef', label: 'Account', type: 'reference', reference: 'accounts' },
        ],
      },
    });
    expect(defined.status).toBe(201);
    const account = (
      await app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'Client Co' } })
    ).json<{ id: string }>();
    const created = await app.call('POST', '/api/v1/projects', {
      as: admin.cookie,
      body: { name: 'Rollout', budget: '25000.00', startsOn: '2027-01-15', accountRef: account.id },
    });
    expect(created.status).toBe(201);
    const project = created.json<{ id: string; budget: string; startsOn: string; accountRef: string }>();
    expect(project).toMatchObject({ budget: '25000.00', startsOn: '2027-01-15', accountRef: account.id });
    const dangling = await app.call('POST', '/api/v1/projects', {
      as: admin.cookie,
      body: { name: 'Ghost', accountRef: '01900000-0000-7000-8000-000000000000' },
    });
    expect(dangling.status).toBe(400);
    expect(dangling.json<{ errors: { path: string }[] }>().errors[0].path).toBe('accountRef');
    const listed = await app.call(
      'GET',
      `/api/v1/projects?filter[accountRef][eq]=${account.id}&filter[budget][gte]=1000`,
      { as: admin.cookie },
    );
    expect(listed.json<{ data: { id: string }[] }>().data.map((p) => p.id)).toEqual([project.id]);
    expect(
      (
        await app.call('PATCH', `/api/v1/projects/${project.id}`, {
          as: admin.cookie,
          body: { budget: '30000' },
        })
      ).json<{ version: number }>().version,
    ).toBe(2);
    const history = await app.call('GET', `/api/v1/projects/${project.id}/history`, { as: admin.cookie });
    expect(history.json<{ data: { changes: unknown[] }[] }>().data[0].changes).toEqual([
      { field: 'budget', from: '25000.00', to: '30000' },
    ]);
    const found = await app.call('GET', '/api/v1/search?q=rolout&objects=projects', { as: admin.cookie });
    expect(found.json<{ data: { id: string }[] }>().data.map((h) => h.id)).toEqual([project.id]);
    expect((await app.call('DELETE', `/api/v1/projects/${project.id}`, { as: admin.cookie })).status).toBe(
      204,
    );
    expect((await app.call('GET', `/api/v1/projects/${project.id}`, { as: admin.cookie })).status).toBe(404);
    expect((await app.call('GET', '/api/v1/accounts/' + account.id, { as: admin.cookie })).status).toBe(200);
  });

  it('keeps custom objects of one workspace out of another', async () => {
    const other = await app.signup('Other Co');
    expect((await app.call('GET', '/api/v1/projects', { as: other.cookie })).status).toBe(404);
    // Both workspaces define `sites`: only the workspace condition keeps one's records from the other.
    const define = (cookie: string) =>
      app.call('POST', '/api/v1/metadata/objects', {
        as: cookie,
        body: { name: 'sites', label: 'Site', labelPlural: 'Sites', fields: [] },
      });
    expect((await define(admin.cookie)).status).toBe(201);
    expect((await define(other.cookie)).status).toBe(201);
    const ours = (
      await app.call('POST', '/api/v1/sites', { as: admin.cookie, body: { name: 'Our site' } })
    ).json<{ id: string }>();
    expect((await app.call('GET', `/api/v1/sites/${ours.id}`, { as: admin.cookie })).status).toBe(200);
    expect((await app.call('GET', `/api/v1/sites/${ours.id}`, { as: other.cookie })).status).toBe(404);
    const theirList = await app.call('GET', '/api/v1/sites', { as: other.cookie });
    expect(theirList.json<{ data: unknown[] }>().data).toEqual([]);
  });
});

describe('OpenAPI', () => {
  it('describes every record endpoint of the standard objects and the platform calls', async () => {
    const doc = (await app.call('GET', '/api/v1/openapi.json')).json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    }>();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/accounts',
      '/accounts/{id}',
      '/accounts/{id}/history',
      '/accounts/bulk',
      '/contacts/query',
      '/auth/login',
      '/search',
      '/metadata/objects/{object}/fields',
      '/api-keys/{id}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.components.schemas.Account.properties)).toEqual(
      expect.arrayContaining(['name', 'domain', 'billingAddress', 'ownerId', 'version']),
    );
  });
});
