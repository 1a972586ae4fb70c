import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

/** Links to records of any object (the polymorphic reference kind), on a custom object's fields. */
let app: TestApp;
let admin: string;
const ids: Record<string, string> = {};

async function create(object: string, body: Record<string, unknown>, as = admin) {
  return app.call('POST', `/api/v1/${object}`, { as, body });
}

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
  const defined = await app.call('POST', '/api/v1/metadata/objects', {
    as: admin,
    body: {
      name: 'visits',
      label: 'Visit',
      labelPlural: 'Visits',
      fields: [
        { name: 'about', label: 'About', type: 'links' },
        { name: 'mainRecord', label: 'Main record', type: 'link' },
      ],
    },
  });
  expect(defined.status).toBe(201);
  ids.account = (await create('accounts', { name: 'Acme' })).json<{ id: string }>().id;
  ids.contact = (await create('contacts', { lastName: 'Avery', accountId: ids.account })).json<{
    id: string;
  }>().id;
  ids.other = (await create('accounts', { name: 'Other' })).json<{ id: string }>().id;
});
afterAll(() => app?.close());

describe('links to records of any object', () => {
  it('stores links to an account and a contact, and filters by either', async () => {
    const about = [
      { object: 'accounts', id: ids.account },
      { object: 'contacts', id: ids.contact },
    ];
    const visit = await create('visits', { name: 'Site visit', about, mainRecord: about[0] });
    expect(visit.status).toBe(201);
    expect(visit.json()).toMatchObject({ about, mainRecord: about[0] });
    await create('visits', { name: 'Other visit', about: [{ object: 'accounts', id: ids.other }] });
    await create('visits', { name: 'Unlinked' });

    const byContact = await app.call('GET', `/api/v1/visits?filter[about][eq]=contacts:${ids.contact}`, {
      as: admin,
    });
    expect(byContact.json<{ data: { name: string }[] }>().data.map((v) => v.name)).toEqual(['Site visit']);
    const query = await app.call('POST', '/api/v1/visits/query', {
      as: admin,
      body: { filter: { mainRecord: { eq: { object: 'accounts', id: ids.account } } } },
    });
    expect(query.json<{ data: { name: string }[] }>().data.map((v) => v.name)).toEqual(['Site visit']);
    const none = await app.call('GET', '/api/v1/visits?filter[about][isNull]=true', { as: admin });
    expect(none.json<{ data: { name: string }[] }>().data.map((v) => v.name)).toEqual(['Unlinked']);
  });

  it('refuses links to unknown objects, missing records and records of another workspace, by path', async () => {
    const stranger = (await app.signup('Elsewhere')).cookie;
    const foreign = (await create('accounts', { name: 'Foreign' }, stranger)).json<{ id: string }>().id;
    const bad = await create('visits', {
      name: 'Bad',
      about: [
        { object: 'accounts', id: ids.account },
        { object: 'planets', id: ids.account },
        { object: 'accounts', id: foreign },
      ],
      mainRecord: { object: 'contacts', id: ids.account },
    });
    expect(bad.status).toBe(400);
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect(bad.json<{ errors: { path: string }[] }>().errors.sort(byPath)).toEqual([
      { path: 'about.1.object', message: 'there is no object called "planets"' },
      { path: 'about.2.id', message: `no accounts record with id ${foreign}` },
      { path: 'mainRecord.id', message: `no contacts record with id ${ids.account}` },
    ]);
    const shape = await create('visits', { name: 'Bad', about: [{ object: 'accounts' }] });
    expect(shape.status).toBe(400);
    expect(shape.json<{ errors: { path: string }[] }>().errors[0].path).toBe('about.0.id');
    const filter = await app.call('GET', '/api/v1/visits?filter[about][eq]=nonsense', { as: admin });
    expect(filter.status).toBe(400);
    const list = await app.call('GET', '/api/v1/visits?filter[name][eq]=Bad', { as: admin });
    expect(list.json<{ data: unknown[] }>().data).toEqual([]);
  });
});
