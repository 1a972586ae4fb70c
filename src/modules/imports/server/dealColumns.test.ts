import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import type { ImportPreview } from '../contract';
import { importAndWait, postImport } from './importing';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_IMPORT_BATCH: '2' } });
  await app.platform.jobs.start();
  admin = (await app.signup()).cookie;
});
afterAll(() => app.close());

type Row = Record<string, unknown> & { id: string };
const list = async (path: string) =>
  (await app.call('GET', path, { as: admin })).json<{ data: Row[] }>().data;
const logOf = async (id: string) =>
  (await app.call('GET', `/api/v1/imports/${id}/log`, { as: admin })).body.trim().split('\n');

const header = 'First name,Last name,Email,Company,Deal,Amount,Deal stage,Close date,Role in deal';
const mapping = {
  'First name': 'firstName',
  'Last name': 'lastName',
  Email: 'email',
  Company: 'account.name',
  Deal: 'deal.name',
  Amount: 'deal.amount',
  'Deal stage': 'deal.stageId',
  'Close date': 'deal.closeDate',
  'Role in deal': 'deal.role',
};
const csv = [
  header,
  'Ada,Lovelace,ada@engines.example,Analytical Engines,Engine deal,12000,proposal,2026-12-31,Decision maker',
  'Charles,Babbage,charles@engines.example,analytical engines,ENGINE DEAL,,,,champion',
  'Grace,Hopper,grace@navy.example,US Navy,Compiler,5000,Won-ish,2026-06-30,',
  'Alan,Turing,alan@bletchley.example,Bletchley Park,,,,,',
  'Joan,Clarke,joan@bletchley.example,Bletchley Park,Bombe,900,,,boss',
].join('\n');

describe('deal columns in a contacts import', () => {
  it('suggests deal fields for deal headers, and none without a deal name', async () => {
    const preview = await postImport(
      app,
      admin,
      { file: `${header}\nA,B,a@b.example,Co,Deal 1,10,Proposal,2026-01-31,user\n` },
      '/api/v1/imports/preview',
    );
    expect(preview.status).toBe(200);
    const suggested = preview.json<ImportPreview>().suggestedMapping;
    expect(suggested).toEqual({ ...mapping, 'Role in deal': 'deal.role' });
    const alone = await postImport(
      app,
      admin,
      { file: 'Email,Amount\na@b.example,10\n' },
      '/api/v1/imports/preview',
    );
    expect(alone.json<ImportPreview>().suggestedMapping).toEqual({ Email: 'email' });
  });

  it('refuses deal columns without a deal name, and for another object than contacts', async () => {
    const noName = await postImport(app, admin, {
      file: csv,
      mapping: { Email: 'email', Amount: 'deal.amount' },
    });
    expect(noName.status).toBe(400);
    expect(noName.body).toContain('map a column to the deal name (deal.name) to import deals');
    const accounts = await postImport(app, admin, {
      file: csv,
      object: 'accounts',
      mapping: { Company: 'name', Deal: 'deal.name' },
    });
    expect(accounts.status).toBe(400);
    expect(accounts.body).toContain('deal columns are imported with contacts only');
  });

  it('counts the deals a dry run would create and writes nothing', async () => {
    const state = await importAndWait(app, admin, { file: csv, mapping, dryRun: true });
    expect(state.status).toBe('done');
    expect(state.counts).toEqual({ created: 3, updated: 0, skipped: 0, rejected: 2 });
    expect(state.dealsCreated).toBe(1);
    expect(await list('/api/v1/deals')).toEqual([]);
  });

  it('creates a deal once for the rows of its contacts, linked to their account, with their roles; undo removes it', async () => {
    const state = await importAndWait(app, admin, { file: csv, mapping });
    expect(state.counts).toEqual({ created: 3, updated: 0, skipped: 0, rejected: 2 });
    expect(state.dealsCreated).toBe(1);
    expect(state.errors).toEqual([
      { row: 4, field: 'deal.stageId', message: "Stage 'Won-ish' is not a stage of pipeline New business" },
      {
        row: 6,
        field: 'deal.role',
        message: 'is not one of: decision maker, champion, influencer, user, blocker',
      },
    ]);
    expect(state.invalidValues).toEqual([
      { field: 'deal.role', column: 'Role in deal', count: 1 },
      { field: 'deal.stageId', column: 'Deal stage', count: 1 },
    ]);
    const [pipeline] = await list('/api/v1/pipelines?filter[isDefault][eq]=true');
    const proposal = (pipeline.stages as { id: string; name: string }[]).find((s) => s.name === 'Proposal')!;
    const deals = await list('/api/v1/deals');
    expect(deals).toHaveLength(1);
    const [deal] = deals;
    const people = await list('/api/v1/contacts?sort=lastName&filter[email][contains]=.example');
    const byLast = new Map(people.map((p) => [p.lastName, p]));
    expect([deal.name, deal.amount, deal.closeDate, deal.stageId, deal.pipelineId, deal.accountId]).toEqual([
      'Engine deal',
      '12000.00',
      '2026-12-31',
      proposal.id,
      pipeline.id,
      byLast.get('Lovelace')!.accountId,
    ]);
    expect(deal.contacts).toEqual([
      { contactId: byLast.get('Lovelace')!.id, role: 'decisionMaker' },
      { contactId: byLast.get('Babbage')!.id, role: 'champion' },
    ]);
    // The refused rows left nothing: no contact, no account, no deal of theirs.
    expect([...byLast.keys()]).toEqual(['Babbage', 'Lovelace', 'Turing']);
    expect((await list('/api/v1/accounts?sort=name')).map((a) => a.name)).toEqual([
      'Analytical Engines',
      'Bletchley Park',
    ]);
    const log = await logOf(state.id);
    expect(log[0]).toBe('row,outcome,recordId,errors,note,dealId,possibleDuplicateOf');
    expect(log[1]).toBe(`2,created,${byLast.get('Lovelace')!.id},,deal created: Engine deal,${deal.id},`);
    expect(log[2]).toBe(`3,created,${byLast.get('Babbage')!.id},,added to deal: Engine deal,${deal.id},`);
    expect(log[4]).toBe(`5,created,${byLast.get('Turing')!.id},,,,`);

    // A later file finds the deal by name within its account and adds its contact; its undo takes it out again.
    const later = await importAndWait(app, admin, {
      file: `${header}\nDora,Doe,dora@engines.example,Analytical Engines,engine deal,999,Negotiation,,user\n`,
      mapping,
    });
    expect([later.counts.created, later.dealsCreated]).toEqual([1, 0]);
    const [dora] = await list('/api/v1/contacts?filter[email][eq]=dora@engines.example');
    const found = (await app.call('GET', `/api/v1/deals/${deal.id}`, { as: admin })).json<Row>();
    // A deal found is not changed by the file's values: only the contact is added.
    expect([found.amount, found.stageId]).toEqual(['12000.00', proposal.id]);
    expect(found.contacts).toEqual([...(deal.contacts as unknown[]), { contactId: dora.id, role: 'user' }]);
    expect((await app.call('POST', `/api/v1/imports/${later.id}/undo`, { as: admin })).status).toBe(200);
    const back = (await app.call('GET', `/api/v1/deals/${deal.id}`, { as: admin })).json<Row>();
    expect(back.contacts).toEqual(deal.contacts);

    expect((await app.call('POST', `/api/v1/imports/${state.id}/undo`, { as: admin })).status).toBe(200);
    expect((await app.call('GET', `/api/v1/deals/${deal.id}`, { as: admin })).status).toBe(404);
    expect(await list('/api/v1/deals')).toEqual([]);
    expect(await list('/api/v1/accounts')).toEqual([]);
  });

  it('names an unknown pipeline, and a deal the engine refuses rejects its rows whole', async () => {
    const state = await importAndWait(app, admin, {
      file: [
        'Name,Email,Company,Deal,Pipeline,Currency',
        'One,p1@pipes.example,Pipes,Deal A,Enterprise,',
        'Two,p2@pipes.example,Pipes,Deal B,new BUSINESS,ZZZ',
        'Three,p3@pipes.example,Pipes,Deal C,,',
      ].join('\n'),
      mapping: {
        Name: 'lastName',
        Email: 'email',
        Company: 'account.name',
        Deal: 'deal.name',
        Pipeline: 'deal.pipelineId',
        Currency: 'deal.currency',
      },
    });
    expect(state.errors).toEqual([
      {
        row: 2,
        field: 'deal.pipelineId',
        message: "Pipeline 'Enterprise' is not a pipeline of this workspace",
      },
      { row: 3, field: 'deal.currency', message: 'is not an ISO 4217 currency code like EUR' },
    ]);
    expect([state.counts.created, state.counts.rejected, state.dealsCreated]).toEqual([1, 2, 1]);
    expect(
      (await list('/api/v1/contacts?filter[email][contains]=pipes.example')).map((c) => c.email),
    ).toEqual(['p3@pipes.example']);
    expect((await list('/api/v1/deals')).map((d) => d.name)).toEqual(['Deal C']);
  });
});
