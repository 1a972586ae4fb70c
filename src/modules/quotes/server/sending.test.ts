import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';
import { mailReceiver } from './mailReceiver';
import { quoteTestWorkspace, type Rec } from './testWorkspace';

let app: TestApp;
let w: Awaited<ReturnType<typeof quoteTestWorkspace>>;
let mail: Awaited<ReturnType<typeof mailReceiver>>;
let contact: Rec;

beforeAll(async () => {
  app = await createTestApp({ env: { RAPPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1/32' } });
  w = await quoteTestWorkspace(app);
  mail = await mailReceiver();
  contact = await w.created('/api/v1/contacts', {
    firstName: 'Wile',
    lastName: 'Coyote',
    email: 'wile@acme.test',
    accountId: w.account.id,
  });
  const linked = await w.call('PATCH', `/api/v1/deals/${w.deal.id}`, {
    contacts: [{ contactId: contact.id, role: 'decisionMaker' }],
  });
  expect(linked.status).toBe(200);
});
afterAll(async () => {
  await app.close();
  await mail.close();
});

const draft = (discountPercent = 0) =>
  w.created(
    '/api/v1/quotes',
    { dealId: w.deal.id, lines: [{ productId: w.seat.id, quantity: 10, discountPercent }] },
    w.rep.cookie,
  );
const timeline = async (object: string, id: string) =>
  (await w.call('GET', `/api/v1/${object}/${id}/timeline`)).json<{
    data: { kind: string; type?: string; title: string; links?: { object: string; id: string }[] }[];
  }>().data;

describe('sending a quote', () => {
  it('is a 409 without an SMTP server, and the quote stays a draft', async () => {
    const quote = await draft();
    const answer = await w.call('POST', `/api/v1/quotes/${quote.id}/send`, {}, w.rep.cookie);
    expect(answer.status).toBe(409);
    expect(answer.json<{ detail: string }>().detail).toMatch(/No SMTP server/);
    const after = await w.call('GET', `/api/v1/quotes/${quote.id}`);
    expect(after.json<Rec>().status).toBe('draft');
  });

  it("emails the PDF to the deal's decision maker, marks it sent and logs it on the deal and account", async () => {
    await mail.configure(app, w.admin.cookie);
    const quote = await draft();
    const answer = await w.call('POST', `/api/v1/quotes/${quote.id}/send`, {}, w.rep.cookie);
    expect(answer.status).toBe(201);
    const sent = answer.json<{ activityId: string; to: string[]; status: string }>();
    expect(sent).toMatchObject({ to: ['wile@acme.test'], status: 'sent' });

    const email = mail.received.at(-1)!;
    const label = `Q-${String(quote.number).padStart(5, '0')} v1`;
    expect(email.subject).toBe(`Quote ${label} from Rapport Demo GmbH`);
    expect(email.text).toContain(`our quote ${label} (EUR 239.88`);
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0].filename).toBe(`${label.replace(' ', '-')}.pdf`);
    expect(email.attachments[0].contentType).toBe('application/pdf');
    expect(email.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
    // The customer's own link to review, accept or decline online opens this quote.
    const token = /\/q\/(rq_[\w-]+)/.exec(email.text ?? '')?.[1];
    expect(token).toBeDefined();
    const online = await w.call('GET', `/api/v1/public/quotes/${token}`);
    expect(online.status).toBe(200);
    expect(online.json<{ number: number }>().number).toBe(quote.number);

    const after = (await w.call('GET', `/api/v1/quotes/${quote.id}`)).json<Rec>();
    expect(after.status).toBe('sent');
    expect(after.sentAt).toEqual(expect.any(String));
    for (const [object, id] of [
      ['deals', w.deal.id],
      ['accounts', w.account.id],
    ]) {
      const entries = (await timeline(object, id)).filter((e) => e.kind === 'activity');
      const logged = entries.find((e) => e.links?.some((l) => l.object === 'quotes' && l.id === quote.id));
      expect(logged).toMatchObject({ type: 'email', title: `Quote ${label} from Rapport Demo GmbH` });
      // Sending by email logs the email only, not a second "sent" note.
      expect(entries.filter((e) => e.title === `${label} sent`)).toEqual([]);
    }
  });

  it('refuses a quote whose discount awaits approval before any email leaves', async () => {
    await w.call('PATCH', '/api/v1/quote-settings', { approvalDiscountPercent: '10' });
    const quote = await draft(15);
    const before = mail.received.length;
    const answer = await w.call('POST', `/api/v1/quotes/${quote.id}/send`, {}, w.rep.cookie);
    expect(answer.status).toBe(409);
    expect(answer.json<{ detail: string }>().detail).toMatch(/needs a manager's approval first/);
    expect(mail.received.length).toBe(before);
    await w.call('PATCH', '/api/v1/quote-settings', { approvalDiscountPercent: null });
  });

  it('refuses an older version of a quote before any email leaves', async () => {
    const quote = await draft();
    const revised = await w.call('POST', `/api/v1/quotes/${quote.id}/revise`, {}, w.rep.cookie);
    expect(revised.status).toBe(201);
    const before = mail.received.length;
    const answer = await w.call('POST', `/api/v1/quotes/${quote.id}/send`, {}, w.rep.cookie);
    expect(answer.status).toBe(409);
    expect(answer.json<{ detail: string }>().detail).toMatch(
      /is read-only: version 2 is the latest; send that one$/,
    );
    expect(mail.received.length).toBe(before);
  });

  it('sends to the given addresses, and a bad address is a 400', async () => {
    const quote = await draft();
    const bad = await w.call('POST', `/api/v1/quotes/${quote.id}/send`, { to: ['nope'] }, w.rep.cookie);
    expect(bad.status).toBe(400);
    const answer = await w.call(
      'POST',
      `/api/v1/quotes/${quote.id}/send`,
      { to: ['buyer@acme.test'], subject: 'Your quote', body: 'Attached, {{user.name}}.' },
      w.rep.cookie,
    );
    expect(answer.status).toBe(201);
    const email = mail.received.at(-1)!;
    expect(email.subject).toBe('Your quote');
    expect((email.to as { text: string }).text).toBe('buyer@acme.test');
  });

  it('puts a quote marked sent on the timelines as a note linking its PDF', async () => {
    const quote = await draft();
    const marked = await w.call('PATCH', `/api/v1/quotes/${quote.id}`, { status: 'sent' }, w.rep.cookie);
    expect(marked.status).toBe(200);
    const label = `Q-${String(quote.number).padStart(5, '0')} v1`;
    for (const [object, id] of [
      ['deals', w.deal.id],
      ['accounts', w.account.id],
    ]) {
      const note = (await timeline(object, id)).find((e) => e.title === `${label} sent`);
      expect(note).toMatchObject({ kind: 'activity', type: 'note' });
      expect(note!.links).toEqual(
        expect.arrayContaining([
          { object: 'quotes', id: quote.id },
          { object: 'deals', id: w.deal.id },
          { object: 'accounts', id: w.account.id },
        ]),
      );
    }
    const pdf = await w.call('GET', `/api/v1/quotes/${quote.id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });
});
