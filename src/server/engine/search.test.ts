import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

let app: TestApp;
let admin: { cookie: string };
let accountId: string;

async function post(path: string, body: unknown) {
  const response = await app.call('POST', path, { as: admin.cookie, body });
  expect(response.status, response.body).toBe(201);
  return response.json<{ id: string }>();
}

async function search(q: string) {
  const response = await app.call('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, { as: admin.cookie });
  expect(response.status, response.body).toBe(200);
  return response.json<{ data: { object: string; id: string; title: string }[] }>().data;
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  accountId = (await post('/api/v1/accounts', { name: 'Zephyrine Rockets', domain: 'zephyrinerockets.com' }))
    .id;
  for (const [firstName, lastName] of [
    ['Ada', 'Okafor'],
    ['Lin', 'Marsh'],
    ['Theo', 'Brandt'],
  ])
    await post('/api/v1/contacts', {
      firstName,
      lastName,
      email: `${firstName.toLowerCase()}@zephyrinerockets.com`,
      accountId,
    });
  await post('/api/v1/contacts', { firstName: 'Rocco', lastName: 'Zephyr' });
});
afterAll(() => app.close());

describe('search across objects', () => {
  it('ranks the account named so above the people who work there, with or without typos', async () => {
    for (const q of ['zephyrine rockets', 'Zephyrine', 'zephyrine rokcets', 'zepyhrine rockets']) {
      const hits = await search(q);
      expect(hits[0], q).toMatchObject({ object: 'accounts', id: accountId });
      // People who merely work there are not found by the company's name.
      expect(
        hits.filter((h) => ['Ada Okafor', 'Lin Marsh', 'Theo Brandt'].includes(h.title)),
        q,
      ).toEqual([]);
    }
  });

  it('finds people by email and domain prefixes, and a misspelt name by the names alone', async () => {
    expect((await search('ada@zephyrinerockets.com')).map((h) => h.title)).toEqual(['Ada Okafor']);
    expect((await search('zephyrinerockets.com')).map((h) => h.title)).toEqual(['Zephyrine Rockets']);
    expect((await search('Okafr')).map((h) => h.title)).toEqual(['Ada Okafor']);
    expect((await search('Rocco Zephir')).map((h) => h.title)).toEqual(['Rocco Zephyr']);
  });
});
