import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { runScan, scanLimits } from './scan';

let app: TestApp;
let admin: { cookie: string; workspaceId: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
});
afterAll(() => app.close());

const create = async (object: string, body: Record<string, unknown>) => {
  const response = await app.call('POST', `/api/v1/${object}`, { as: admin.cookie, body });
  if (response.status !== 201) throw new Error(`${response.status} ${response.body}`);
  return response.json<{ id: string }>().id;
};

/** Starts a scan (the job queue is not running) and runs it here with small limits. */
async function scan(limits: Partial<typeof scanLimits>) {
  const started = await app.call('POST', '/api/v1/duplicates/scan', {
    as: admin.cookie,
    body: { object: 'contacts' },
  });
  const { id } = started.json<{ id: string }>();
  await runScan(app.platform.db, app.platform.registry, admin.workspaceId, id, { ...scanLimits, ...limits });
  const state = (await app.call('GET', `/api/v1/duplicates/scans/${id}`, { as: admin.cookie })).json<{
    status: string;
    scanned: number;
  }>();
  const queue = (
    await app.call('GET', '/api/v1/duplicates?object=contacts&limit=100', { as: admin.cookie })
  ).json<{
    data: { titles: string[]; reasons: string[] }[];
  }>();
  return { state, pairs: queue.data.map((p) => [p.titles.sort().join(' / '), p.reasons]) };
}

describe('the duplicate scan by blocks', () => {
  it('pairs records across chunks by exact values and by names within a context, and leaves crowded values out', async () => {
    const acme = await create('accounts', { name: 'Blocks Acme', domain: 'blocks-acme.example' });
    await create('contacts', {
      firstName: 'Jonathan',
      lastName: 'Smithers',
      email: 'jon@blocks-acme.example',
      accountId: acme,
    });
    for (const [firstName, lastName] of [
      ['Maria', 'Garcia'],
      ['Mariah', 'Garcia'],
      ['Marie', 'Garcia'],
      ['Maria', 'Garcya'],
    ])
      await create('contacts', { firstName, lastName, email: `${firstName}.${lastName}@free-mail.example` });
    await create('contacts', {
      firstName: 'Zed',
      lastName: 'Other',
      phone: '+44 20 7946 0000',
      email: 'zed@free-mail.example',
    });
    await create('contacts', {
      firstName: 'Jonathon',
      lastName: 'Smithers',
      email: 'j.smithers@blocks-acme.example',
    });
    await create('contacts', { firstName: 'Yan', lastName: 'Else', phone: '+44 (0)20 7946-0000' });

    // free-mail.example is shared by 5 contacts: more than 3 is crowded, so the Garcias are not paired by it.
    const crowded = await scan({ minChunk: 2, maxChunk: 2, crowded: 3 });
    expect(crowded.state).toMatchObject({ status: 'done', scanned: 8 });
    expect(crowded.pairs).toEqual([
      ['Yan Else / Zed Other', ['same phone']],
      ['Jonathan Smithers / Jonathon Smithers', ['similar name', 'same email domain']],
    ]);

    const roomy = await scan({ minChunk: 3, maxChunk: 3, crowded: 10 });
    expect(roomy.pairs.filter(([titles]) => String(titles).includes('Garcia')).length).toBeGreaterThan(0);
    expect(roomy.pairs).toContainEqual(['Yan Else / Zed Other', ['same phone']]);
  });
});
