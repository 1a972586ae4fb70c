import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../server/app';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { ImportState } from '../contract';
import { finished, postImport } from './importing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_IMPORT_BATCH: '25' } });
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

const count = async (sql: string) =>
  ((await app.db.read((x) => x.execute(sql))) as unknown as { rows: { n: number }[] }).rows[0].n;

const people = (n: number, domain: string) =>
  [
    'First name,Last name,Email',
    ...Array.from({ length: n }, (_, i) => `P${i},Person ${i},p${i}@${domain}`),
  ].join('\n');
const mapping = { 'First name': 'firstName', 'Last name': 'lastName', Email: 'email' };

describe('imports that meet each other or a restart', () => {
  it('two imports of the same file at once: each row is created once, the other import skips it', async () => {
    await app.platform.jobs.start();
    const file = people(200, 'twice.example');
    const request = { file, mapping, match: { field: 'email', onMatch: 'skip' as const } };
    const [a, b] = await Promise.all([postImport(app, admin, request), postImport(app, admin, request)]);
    const states = await Promise.all([a, b].map((r) => finished(app, admin, r.json<{ id: string }>().id)));
    expect(states.map((s) => s.counts.created + s.counts.skipped)).toEqual([200, 200]);
    expect(states[0].counts.created + states[1].counts.created).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM contacts WHERE email LIKE '%@twice.example'`)).toBe(
      200,
    );
    expect(
      await count(`SELECT count(DISTINCT email)::int AS n FROM contacts WHERE email LIKE '%@twice.example'`),
    ).toBe(200);
    await app.platform.jobs.stop();
  });

  it('an import interrupted by a server stop resumes after its last batch on the next start', async () => {
    const first = await server();
    const id = (await postImport(first, admin, { file: people(1500, 'restart.example'), mapping })).json<{
      id: string;
    }>().id;
    // Stop the server once some batches have committed, well before the end.
    while ((await stateOn(first, id)).processed < 50) await new Promise((resolve) => setTimeout(resolve, 5));
    await first.close();
    const halfway = await count(`SELECT processed AS n FROM imports WHERE id = '${id}'`);
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(1500);
    expect(await count(`SELECT count(*)::int AS n FROM contacts WHERE email LIKE '%@restart.example'`)).toBe(
      halfway,
    );

    const next = await server();
    try {
      let state = await stateOn(next, id);
      for (let i = 0; i < 1200 && state.status !== 'done'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        state = await stateOn(next, id);
      }
      expect(state.status).toBe('done');
      expect(state.processed).toBe(1500);
      expect(state.counts).toEqual({ created: 1500, updated: 0, skipped: 0, rejected: 0 });
      expect(
        await count(`SELECT count(*)::int AS n FROM contacts WHERE email LIKE '%@restart.example'`),
      ).toBe(1500);
      expect(await count(`SELECT count(*)::int AS n FROM import_rows WHERE import_id = '${id}'`)).toBe(1500);
    } finally {
      await next.close();
    }
  });

  it('a finished import whose job is delivered again changes nothing', async () => {
    const again = await server();
    try {
      const id = (await postImport(again, admin, { file: people(10, 'once.example'), mapping })).json<{
        id: string;
      }>().id;
      while ((await stateOn(again, id)).status !== 'done')
        await new Promise((resolve) => setTimeout(resolve, 20));
      await again.platform.jobs.send('imports.run', { workspaceId: await workspaceOf(), importId: id });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await count(`SELECT count(*)::int AS n FROM contacts WHERE email LIKE '%@once.example'`)).toBe(
        10,
      );
      expect((await stateOn(again, id)).counts.created).toBe(10);
    } finally {
      await again.close();
    }
  });
});

/** Another server process over the same database and data folder, its job queue running. */
async function server(): Promise<App & Pick<TestApp, 'fastify'>> {
  const started = await buildApp({ db: app.db, settings: app.platform.settings });
  await started.platform.jobs.start();
  return started;
}

async function stateOn(on: App, id: string) {
  const response = await on.fastify.inject({
    url: `/api/v1/imports/${id}`,
    headers: { cookie: `rapport_session=${admin}` },
  });
  return JSON.parse(response.body) as ImportState;
}

async function workspaceOf(): Promise<string> {
  const me = await app.db.read((x) => x.execute(`SELECT workspace_id AS w FROM imports LIMIT 1`));
  return (me as unknown as { rows: { w: string }[] }).rows[0].w;
}
