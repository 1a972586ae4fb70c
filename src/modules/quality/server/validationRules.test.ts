import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  await app.platform.jobs.start();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

const addRule = async (body: Record<string, unknown>) => {
  const response = await app.call('POST', '/api/v1/validation-rules', { as: admin, body });
  if (response.status !== 201) throw new Error(`${response.status} ${response.body}`);
  return response.json<{ id: string }>();
};
const problem = (response: { status: number; json: <T>() => T }) => ({
  status: response.status,
  errors: response.json<{ errors?: { path: string; message: string }[] }>().errors,
});

describe('validation rules', () => {
  it('are enforced on create, update and bulk, naming the field', async () => {
    await addRule({
      object: 'contacts',
      field: 'title',
      kind: 'required',
      message: 'every contact needs a title',
    });
    await addRule({ object: 'contacts', field: 'lastName', kind: 'pattern', pattern: '^[A-Z]' });
    const refused = await app.call('POST', '/api/v1/contacts', {
      as: admin,
      // Mixed case is kept as typed (all lower case would be put in proper case first).
      body: { firstName: 'Augustus', lastName: 'de Morgan' },
    });
    expect(problem(refused)).toEqual({
      status: 400,
      errors: [
        { path: 'title', message: 'every contact needs a title' },
        { path: 'lastName', message: 'does not match the pattern ^[A-Z]' },
      ],
    });
    const ok = await app.call('POST', '/api/v1/contacts', {
      as: admin,
      body: { firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst' },
    });
    expect(ok.status).toBe(201);
    const id = ok.json<{ id: string }>().id;
    const cleared = await app.call('PATCH', `/api/v1/contacts/${id}`, { as: admin, body: { title: null } });
    expect(problem(cleared)).toEqual({
      status: 400,
      errors: [{ path: 'title', message: 'every contact needs a title' }],
    });
    const bulk = await app.call('POST', '/api/v1/contacts/bulk', {
      as: admin,
      body: {
        create: [
          { firstName: 'Grace', lastName: 'Hopper', title: 'Admiral' },
          { firstName: 'John', lastName: 'von Neumann', title: 'Mathematician' },
        ],
      },
    });
    expect(problem(bulk)).toEqual({
      status: 400,
      errors: [{ path: 'create.1.lastName', message: 'does not match the pattern ^[A-Z]' }],
    });
  });

  it('checks ranges, fields required by another and dates not before another', async () => {
    await addRule({ object: 'deals', field: 'amount', kind: 'range', min: 0, max: 1000000 });
    await addRule({
      object: 'deals',
      field: 'lostReason',
      kind: 'requiredIf',
      whenField: 'forecastCategory',
      whenValue: 'omitted',
    });
    await addRule({ object: 'deals', field: 'closeDate', kind: 'notBefore', otherField: 'createdAt' });
    const refused = await app.call('POST', '/api/v1/deals', {
      as: admin,
      body: { name: 'Too big', amount: '2000000', closeDate: '2001-01-01', forecastCategory: 'omitted' },
    });
    expect(problem(refused)).toEqual({
      status: 400,
      errors: [
        { path: 'amount', message: 'must be at least 0 and at most 1000000' },
        { path: 'lostReason', message: 'is required when forecastCategory is omitted' },
        { path: 'closeDate', message: 'must not be before createdAt' },
      ],
    });
    const today = new Date().toISOString().slice(0, 10);
    const created = await app.call('POST', '/api/v1/deals', {
      as: admin,
      body: { name: 'Fine', amount: '500', closeDate: today },
    });
    expect(created.status).toBe(201);
  });

  it('are listed, set and removed by admins only, and must name fields they can check', async () => {
    const listed = await app.call('GET', '/api/v1/validation-rules?object=contacts', { as: admin });
    expect(
      listed.json<{ data: { field: string; kind: string }[] }>().data.map((r) => [r.field, r.kind]),
    ).toEqual([
      ['title', 'required'],
      ['lastName', 'pattern'],
    ]);
    const bad = await app.call('POST', '/api/v1/validation-rules', {
      as: admin,
      body: { object: 'contacts', field: 'email', kind: 'range', min: 1 },
    });
    expect(problem(bad).errors).toEqual([
      { path: 'field', message: 'email is a email field; this rule needs number, integer, money' },
    ]);
    const badPattern = await app.call('POST', '/api/v1/validation-rules', {
      as: admin,
      body: { object: 'contacts', field: 'title', kind: 'pattern', pattern: '([' },
    });
    expect(badPattern.status).toBe(400);
    const rep = await app.addUser(admin, 'rep');
    const byRep = await app.call('POST', '/api/v1/validation-rules', {
      as: rep.cookie,
      body: { object: 'contacts', field: 'title', kind: 'required' },
    });
    expect(byRep.status).toBe(403);
    const [title] = listed.json<{ data: { id: string }[] }>().data;
    expect(
      (await app.call('DELETE', `/api/v1/validation-rules/${title.id}`, { as: rep.cookie })).status,
    ).toBe(403);
    expect((await app.call('DELETE', `/api/v1/validation-rules/${title.id}`, { as: admin })).status).toBe(
      204,
    );
    const untitled = await app.call('POST', '/api/v1/contacts', {
      as: admin,
      body: { firstName: 'No', lastName: 'Title' },
    });
    expect(untitled.status).toBe(201);
  });
});
