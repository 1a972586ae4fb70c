import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: string;
let rep: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
  rep = (await app.addUser(admin, 'rep')).cookie;
});
afterAll(() => app.close());

type Provenance = { field: string; at: string; ageDays: number; stale: boolean };
const provenanceOf = async (id: string) =>
  (await app.call('GET', `/api/v1/accounts/${id}/provenance`, { as: admin })).json<{ data: Provenance[] }>()
    .data;

describe('freshness per field', () => {
  it('shows a value last changed longer ago than the object allows as stale, with its age', async () => {
    const account = (
      await app.call('POST', '/api/v1/accounts', {
        as: admin,
        body: { name: 'Fresh Co', industry: 'Retail' },
      })
    ).json<{ id: string }>();
    // The industry was set two years ago (the create's entry, backdated); the name is then changed today.
    await app.db.write((tx) =>
      tx.execute(sql`UPDATE record_history SET at = now() - interval '730 days'
        WHERE object = 'accounts' AND record_id = ${account.id}`),
    );
    await app.call('PATCH', `/api/v1/accounts/${account.id}`, { as: admin, body: { name: 'Fresh Company' } });
    const found = await provenanceOf(account.id);
    expect(found.find((p) => p.field === 'industry')).toMatchObject({ ageDays: 730, stale: true });
    expect(found.find((p) => p.field === 'name')).toMatchObject({ ageDays: 0, stale: false });

    // With 36 months allowed for accounts the old value is no longer stale; other objects keep 12.
    const settings = await app.call('PATCH', '/api/v1/quality/settings', {
      as: admin,
      body: { staleAfterMonths: { accounts: 36 } },
    });
    expect(settings.json()).toEqual({ duplicateThreshold: 0.6, staleAfterMonths: { accounts: 36 } });
    expect((await provenanceOf(account.id)).find((p) => p.field === 'industry')).toMatchObject({
      ageDays: 730,
      stale: false,
    });
    // Setting the threshold alone keeps the months; setting one object keeps the others.
    await app.call('PATCH', '/api/v1/quality/settings', { as: admin, body: { duplicateThreshold: 0.7 } });
    const kept = await app.call('PATCH', '/api/v1/quality/settings', {
      as: admin,
      body: { staleAfterMonths: { contacts: 6 } },
    });
    expect(kept.json()).toEqual({ duplicateThreshold: 0.7, staleAfterMonths: { accounts: 36, contacts: 6 } });
  });

  it('refuses bad months and non-admins', async () => {
    const bad = await app.call('PATCH', '/api/v1/quality/settings', {
      as: admin,
      body: { staleAfterMonths: { accounts: 0 } },
    });
    expect(bad.status).toBe(400);
    const forbidden = await app.call('PATCH', '/api/v1/quality/settings', {
      as: rep,
      body: { staleAfterMonths: { accounts: 3 } },
    });
    expect(forbidden.status).toBe(403);
  });
});
