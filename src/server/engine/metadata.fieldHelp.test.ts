import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

let app: TestApp;
let admin: Awaited<ReturnType<TestApp['signup']>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup('Help Co');
});
afterAll(() => app.close());

interface FieldMeta {
  name: string;
  timeline: boolean;
  help?: string;
  example?: string;
}
interface ObjectMeta {
  name: string;
  fields: FieldMeta[];
}

const guidance = ({ name, timeline, help, example }: FieldMeta) => ({ name, timeline, help, example });

async function fieldsOf(object: string): Promise<Map<string, ReturnType<typeof guidance>>> {
  const found = await app.call('GET', '/api/v1/metadata/objects', { as: admin.cookie });
  expect(found.status).toBe(200);
  const meta = found.json<{ data: ObjectMeta[] }>().data.find((o) => o.name === object)!;
  return new Map(meta.fields.map((f) => [f.name, guidance(f)]));
}

describe('help, examples and timelines of fields', () => {
  it('describes the standard fields with help, an example, and whether they show on timelines', async () => {
    const accounts = await fieldsOf('accounts');
    expect(accounts.get('domain')).toEqual({
      name: 'domain',
      timeline: true,
      help: "The company's web domain, used to find duplicates and to match email to the account.",
      example: 'acme.com',
    });
    expect(accounts.get('description')).toEqual({
      name: 'description',
      timeline: false,
      help: undefined,
      example: undefined,
    });
    expect(accounts.get('createdAt')).toEqual({
      name: 'createdAt',
      timeline: true,
      help: undefined,
      example: undefined,
    });
    const contacts = await fieldsOf('contacts');
    expect(contacts.get('email')).toEqual({
      name: 'email',
      timeline: true,
      help: 'The address you write to; used to match incoming email and to find duplicates.',
      example: 'ada@acme.com',
    });
    expect(contacts.get('notes')?.timeline).toBe(false);
  });

  it('keeps what an admin gives a custom field, changes it, and clears it with null', async () => {
    const added = await app.call('POST', '/api/v1/metadata/objects/accounts/fields', {
      as: admin.cookie,
      body: {
        name: 'vatNumber',
        label: 'VAT number',
        type: 'text',
        help: '  For invoices to the EU.  ',
        example: 'DE123456789',
        timeline: false,
      },
    });
    expect(added.status).toBe(201);
    expect(
      added
        .json<ObjectMeta>()
        .fields.filter((f) => f.name === 'vatNumber')
        .map(guidance),
    ).toEqual([
      { name: 'vatNumber', timeline: false, help: 'For invoices to the EU.', example: 'DE123456789' },
    ]);

    const changed = await app.call('PATCH', '/api/v1/metadata/objects/accounts/fields/vatNumber', {
      as: admin.cookie,
      body: { help: 'Needed for invoices within the EU.', example: null, timeline: true },
    });
    expect(changed.status).toBe(200);
    expect((await fieldsOf('accounts')).get('vatNumber')).toEqual({
      name: 'vatNumber',
      timeline: true,
      help: 'Needed for invoices within the EU.',
      example: undefined,
    });

    const plain = await app.call('POST', '/api/v1/metadata/objects/accounts/fields', {
      as: admin.cookie,
      body: { name: 'region', label: 'Region', type: 'text' },
    });
    expect(plain.status).toBe(201);
    expect((await fieldsOf('accounts')).get('region')).toEqual({
      name: 'region',
      timeline: true,
      help: undefined,
      example: undefined,
    });
  });

  it('gives the fields of a new custom object their help and examples', async () => {
    const defined = await app.call('POST', '/api/v1/metadata/objects', {
      as: admin.cookie,
      body: {
        name: 'sites',
        label: 'Site',
        labelPlural: 'Sites',
        fields: [
          { name: 'code', label: 'Code', type: 'text', help: 'Internal site code.', example: 'LON-2' },
        ],
      },
    });
    expect(defined.status).toBe(201);
    const sites = await fieldsOf('sites');
    expect(sites.get('code')).toEqual({
      name: 'code',
      timeline: true,
      help: 'Internal site code.',
      example: 'LON-2',
    });
    expect(sites.get('name')).toEqual({ name: 'name', timeline: true, help: undefined, example: undefined });
  });

  it('refuses help and examples that are too long or empty, and a timeline that is not a boolean', async () => {
    const refused = async (body: Record<string, unknown>) => {
      const res = await app.call('POST', '/api/v1/metadata/objects/accounts/fields', {
        as: admin.cookie,
        body: { name: 'extra', label: 'Extra', type: 'text', ...body },
      });
      return [res.status, res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)];
    };
    expect(await refused({ help: 'x'.repeat(501) })).toEqual([400, ['help']]);
    expect(await refused({ example: 'x'.repeat(201) })).toEqual([400, ['example']]);
    expect(await refused({ help: '   ' })).toEqual([400, ['help']]);
    expect(await refused({ timeline: 'no' })).toEqual([400, ['timeline']]);
    const patched = await app.call('PATCH', '/api/v1/metadata/objects/accounts/fields/region', {
      as: admin.cookie,
      body: { example: 'x'.repeat(201) },
    });
    expect(patched.status).toBe(400);
    expect((await fieldsOf('accounts')).has('extra')).toBe(false);
  });
});
