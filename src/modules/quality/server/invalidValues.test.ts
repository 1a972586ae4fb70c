import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../server/testing';

/** Issue 13 (6): the data quality view counts stored values that break the rules as they are now. */
let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup('Invalid Co')).cookie;
});
afterAll(() => app.close());

type Check = {
  id: string;
  field: string;
  kind: string;
  ruleId: string | null;
  message: string;
  records: number | null;
  notChecked: string | null;
};
type View = { records: number; invalid: { records: number; checks: Check[] } };
type Page = { data: { id: string; title: string; value: unknown }[]; nextCursor: string | null };

const call = (as: string, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) =>
  app.call(method, `/api/v1/${path}`, { as, body });
const create = async (object: string, body: Record<string, unknown>, as = admin) => {
  const response = await call(as, 'POST', object, body);
  expect(response.status, response.body).toBe(201);
  return response.json<{ id: string }>().id;
};
const rule = async (body: Record<string, unknown>) => {
  const response = await call(admin, 'POST', 'validation-rules', body);
  expect(response.status, response.body).toBe(201);
  return response.json<{ id: string }>().id;
};
const view = async (object: string, as = admin) => {
  const response = await call(as, 'GET', `quality/objects/${object}`);
  expect(response.status, response.body).toBe(200);
  return response.json<View>();
};
const counts = (v: View) => Object.fromEntries(v.invalid.checks.map((c) => [c.id, c.records]));
const page = async (object: string, query: string, as = admin) =>
  (await call(as, 'GET', `quality/objects/${object}/invalid?${query}`)).json<Page>();
const raw = (statement: ReturnType<typeof sql>) => app.db.write((tx) => tx.execute(statement));

describe('invalid values of a standard object', () => {
  it('counts, per rule and field format, the stored records that break them, and opens them page by page', async () => {
    const ann = await create('contacts', {
      firstName: 'Ann',
      lastName: 'Alpha',
      email: 'ann@alpha.example',
      title: 'CEO',
      preferredChannel: 'email',
    });
    const beta = await create('contacts', {
      lastName: 'Beta',
      email: 'beta@beta.example',
      preferredChannel: 'phone',
      birthday: '2000-01-01',
    });
    const gamma = await create('contacts', { lastName: 'Gamma', title: 'cto' });
    const delta = await create('contacts', { lastName: 'Delta', email: ' ANN@alpha.example ' });
    await create('contacts', { firstName: 'Eve', lastName: 'Eve', title: 'CFO', email: 'eve@eve.example' });
    // Values that came in before the format checks existed.
    await raw(
      sql`UPDATE contacts SET email = 'gamma at example', phone = '020 7946 0000' WHERE id = ${gamma}::uuid`,
    );
    // An option taken away after records used it.
    const options = await call(admin, 'PATCH', 'metadata/objects/contacts/fields/preferredChannel', {
      options: ['phone', 'sms', 'meeting'],
    });
    expect(options.status, options.body).toBe(200);

    const ids = {
      required: await rule({ object: 'contacts', field: 'title', kind: 'required' }),
      pattern: await rule({ object: 'contacts', field: 'title', kind: 'pattern', pattern: '^[A-Z]+$' }),
      length: await rule({ object: 'contacts', field: 'lastName', kind: 'length', max: 4 }),
      unique: await rule({ object: 'contacts', field: 'email', kind: 'unique' }),
      allowed: await rule({
        object: 'contacts',
        field: 'preferredChannel',
        kind: 'allowedValues',
        values: ['phone', 'sms'],
      }),
      requiredIf: await rule({
        object: 'contacts',
        field: 'phone',
        kind: 'requiredIf',
        whenField: 'preferredChannel',
        whenValue: 'phone',
      }),
      notBefore: await rule({
        object: 'contacts',
        field: 'birthday',
        kind: 'notBefore',
        otherField: 'createdAt',
      }),
      unicode: await rule({ object: 'contacts', field: 'lastName', kind: 'pattern', pattern: '^\\p{Lu}' }),
    };
    const v = await view('contacts');
    expect(v.records).toBe(5);
    expect(counts(v)).toEqual({
      [`rule:${ids.required}`]: 2, // Beta, Delta
      [`rule:${ids.pattern}`]: 1, // Gamma's "cto"
      [`rule:${ids.length}`]: 3, // Alpha, Gamma, Delta
      [`rule:${ids.unique}`]: 2, // Ann and Delta share an address
      [`rule:${ids.allowed}`]: 1, // Ann's "email"
      [`rule:${ids.requiredIf}`]: 1, // Beta prefers the phone and has none
      [`rule:${ids.notBefore}`]: 1, // Beta's birthday before the record was made
      [`rule:${ids.unicode}`]: null,
      'format:email': 1,
      'format:phone': 1,
      'format:mobilePhone': 0,
      'format:emails': 0,
      'format:phones': 0,
      'format:preferredChannel': 1,
      'format:lifecycleStage': 0,
      'format:leadSource': 0,
      'format:leadStatus': 0,
    });
    expect(v.invalid.records).toBe(4);
    const check = (id: string) => v.invalid.checks.find((c) => c.id === id)!;
    expect(check(`rule:${ids.unicode}`)).toMatchObject({
      kind: 'pattern',
      records: null,
      notChecked: 'its pattern cannot be run in the database exactly as written: it uses a Unicode property',
    });
    expect(check(`rule:${ids.requiredIf}`)).toMatchObject({
      field: 'phone',
      kind: 'requiredIf',
      message: 'is required when preferredChannel is phone',
    });
    expect(check('format:email')).toMatchObject({ kind: 'format', message: 'is not a valid email address' });

    // The drill-down: the records breaking one check, by id, a page at a time.
    const first = await page('contacts', `check=rule:${ids.unique}&limit=1`);
    expect(first.data).toEqual([{ id: ann, title: 'Ann Alpha', value: 'ann@alpha.example' }]);
    const second = await page('contacts', `check=rule:${ids.unique}&limit=1&cursor=${first.nextCursor}`);
    expect(second).toEqual({
      data: [{ id: delta, title: 'Delta', value: 'ann@alpha.example' }],
      nextCursor: null,
    });
    expect((await page('contacts', 'check=format:phone')).data).toEqual([
      { id: gamma, title: 'Gamma', value: '020 7946 0000' },
    ]);
    expect((await page('contacts', `check=rule:${ids.notBefore}`)).data.map((r) => r.id)).toEqual([beta]);
    const notRun = await call(admin, 'GET', `quality/objects/contacts/invalid?check=rule:${ids.unicode}`);
    expect(notRun.status).toBe(400);
    for (const query of ['check=format:nothing', `check=rule:${ids.required.replace(/.$/, '0')}`])
      expect((await call(admin, 'GET', `quality/objects/contacts/invalid?${query}`)).status).toBe(404);
    for (const query of ['check=title', 'check=format:email&limit=0', 'check=format:email&cursor=x', ''])
      expect((await call(admin, 'GET', `quality/objects/contacts/invalid?${query}`)).status).toBe(400);

    // A record's own answer says what to fix.
    const own = (await call(admin, 'GET', `contacts/${gamma}/quality`)).json<{
      invalid: { field: string; check: string; message: string }[];
    }>();
    expect(own.invalid.map((i) => i.check)).toEqual([
      `rule:${ids.pattern}`,
      `rule:${ids.length}`,
      'format:email',
      'format:phone',
    ]);
    const annOwn = (await call(admin, 'GET', `contacts/${ann}/quality`)).json<{
      invalid: { check: string }[];
    }>();
    expect(annOwn.invalid.map((i) => i.check)).toContain(`rule:${ids.unique}`);

    // Fixed values leave the counts.
    const fixed = await call(admin, 'PATCH', `contacts/${gamma}`, { email: 'gamma@gamma.example' });
    expect(fixed.status, fixed.body).toBe(200);
    expect(counts(await view('contacts'))['format:email']).toBe(0);
  });
});

describe('invalid values of a custom object', () => {
  it('judges its JSONB fields: formats, numbers that are not numbers, rules added after the data', async () => {
    const made = await call(admin, 'POST', 'metadata/objects', {
      name: 'projects',
      label: 'Project',
      labelPlural: 'Projects',
    });
    expect(made.status).toBe(201);
    for (const body of [
      { name: 'code', label: 'Code', type: 'text' },
      { name: 'budget', label: 'Budget', type: 'number' },
      { name: 'sponsorEmail', label: 'Sponsor email', type: 'email' },
      { name: 'stage', label: 'Stage', type: 'select', options: ['plan', 'build'] },
    ]) {
      const field = await call(admin, 'POST', 'metadata/objects/projects/fields', body);
      expect(field.status, field.body).toBe(201);
    }
    const apollo = await create('projects', {
      name: 'Apollo',
      code: 'AP-1',
      budget: 100,
      sponsorEmail: 'ada@nasa.example',
      stage: 'plan',
    });
    const gemini = await create('projects', { name: 'Gemini', code: 'ge2', budget: -5 });
    const mercury = await create('projects', { name: 'Mercury' });
    await raw(
      sql`UPDATE custom_records SET custom = custom || '{"sponsorEmail": "not-an-email", "budget": "lots"}'::jsonb
        WHERE id = ${mercury}::uuid`,
    );
    expect(
      (await call(admin, 'PATCH', 'metadata/objects/projects/fields/stage', { options: ['build'] })).status,
    ).toBe(200);
    const range = await rule({ object: 'projects', field: 'budget', kind: 'range', min: 0 });
    const required = await rule({ object: 'projects', field: 'code', kind: 'required' });
    const pattern = await rule({
      object: 'projects',
      field: 'code',
      kind: 'pattern',
      pattern: '^[A-Z]{2}-\\d+$',
    });
    const v = await view('projects');
    expect(counts(v)).toEqual({
      [`rule:${range}`]: 1,
      [`rule:${required}`]: 1,
      [`rule:${pattern}`]: 1,
      'format:budget': 1,
      'format:sponsorEmail': 1,
      'format:stage': 1,
    });
    expect(v.invalid.records).toBe(3);
    const ids = async (check: string) => (await page('projects', `check=${check}`)).data.map((r) => r.id);
    expect(await ids(`rule:${range}`)).toEqual([gemini]);
    expect(await ids(`rule:${required}`)).toEqual([mercury]);
    expect(await ids(`rule:${pattern}`)).toEqual([gemini]);
    expect(await ids('format:budget')).toEqual([mercury]);
    expect(await ids('format:stage')).toEqual([apollo]);
    expect((await page('projects', 'check=format:sponsorEmail')).data).toEqual([
      { id: mercury, title: 'Mercury', value: 'not-an-email' },
    ]);
  });
});

describe('what a user may see', () => {
  it('counts and lists only the records the caller may see', async () => {
    const boss = (await app.signup('Owners Only')).cookie;
    expect(
      (
        await app.call('PATCH', '/api/v1/metadata/objects/contacts', {
          as: boss,
          body: { visibility: 'owner' },
        })
      ).status,
    ).toBe(200);
    const rep = await app.addUser(boss, 'rep');
    await create('contacts', { lastName: 'Boss One' }, boss);
    await create('contacts', { lastName: 'Boss Two' }, boss);
    const mine = await create('contacts', { lastName: 'Rep One' }, rep.cookie);
    await create('contacts', { lastName: 'Rep Two', title: 'Manager' }, rep.cookie);
    const added = await call(boss, 'POST', 'validation-rules', {
      object: 'contacts',
      field: 'title',
      kind: 'required',
    });
    expect(added.status).toBe(201);
    const id = `rule:${added.json<{ id: string }>().id}`;
    expect(counts(await view('contacts', boss))[id]).toBe(3);
    const repView = await view('contacts', rep.cookie);
    expect([repView.records, repView.invalid.records, counts(repView)[id]]).toEqual([2, 1, 1]);
    expect((await page('contacts', `check=${id}`, rep.cookie)).data.map((r) => r.id)).toEqual([mine]);
  });
});
