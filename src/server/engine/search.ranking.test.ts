import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

let app: TestApp;
let admin: { cookie: string };
let accountId: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  const account = await app.call('POST', '/api/v1/accounts', {
    as: admin.cookie,
    body: { name: 'Abshire LLC', domain: 'abshirellc.net' },
  });
  expect(account.status, account.body).toBe(201);
  accountId = account.json<{ id: string }>().id;
  // People who merely work there: the company is in their email, not in their name.
  for (const [firstName, lastName] of [
    ['Aisha', 'Moore'],
    ['Micah', 'Gutkowski'],
    ['Ines', 'Abara'],
  ]) {
    const contact = await app.call('POST', '/api/v1/contacts', {
      as: admin.cookie,
      body: {
        firstName,
        lastName,
        email: `${firstName}.${lastName}@abshirellc.net`.toLowerCase(),
        accountId,
      },
    });
    expect(contact.status, contact.body).toBe(201);
  }
});
afterAll(() => app.close());

const search = async (q: string) => {
  const response = await app.call('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, { as: admin.cookie });
  expect(response.status, response.body).toBe(200);
  return response.json<{ data: { object: string; id: string; title: string }[] }>().data;
};

describe('search ranks a record whose name matches above records that only mention it', () => {
  it.each(['abshre', 'abshire', 'Abshire LLC', 'absh'])(
    '"%s" puts the account Abshire LLC first',
    async (q) => {
      const hits = await search(q);
      expect(hits[0], JSON.stringify(hits)).toMatchObject({
        object: 'accounts',
        id: accountId,
        title: 'Abshire LLC',
      });
    },
  );
});
