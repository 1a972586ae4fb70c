import type { TestApp } from '../../../server/testing';

export type Rec = Record<string, unknown> & { id: string; version: number };

/** A workspace with a manager and a rep in one team, two products, a standard EUR book and a EUR deal on an account. */
export async function quoteTestWorkspace(app: TestApp) {
  const admin = await app.signup();
  const team = await app.call('POST', '/api/v1/teams', { as: admin.cookie, body: { name: 'Sales' } });
  const teamId = team.json<{ id: string }>().id;
  const manager = await app.addUser(admin.cookie, 'manager', teamId);
  const rep = await app.addUser(admin.cookie, 'rep', teamId);
  const call = async (method: string, url: string, body?: unknown, as = admin.cookie) =>
    app.call(method, url, { as, body });
  const created = async (url: string, body: unknown, as = admin.cookie) => {
    const response = await call('POST', url, body, as);
    if (response.status !== 201) throw new Error(`${url}: ${response.status} ${response.body}`);
    return response.json<Rec>();
  };
  const seat = await created('/api/v1/products', {
    sku: 'SEAT',
    name: 'Pro seat',
    unit: 'seat',
    costPrice: '8.00',
    taxCategory: 'standard',
  });
  const hours = await created('/api/v1/products', {
    sku: 'HOURS',
    name: 'Consulting',
    unit: 'hour',
    costPrice: '60.00',
    taxCategory: 'services',
  });
  const book = await created('/api/v1/priceBooks', {
    name: 'EUR list',
    currency: 'EUR',
    isStandard: true,
    entries: [
      { productId: seat.id, listPrice: '19.99', tiers: [{ minQuantity: 100, listPrice: '17.50' }] },
      { productId: hours.id, listPrice: '120.00' },
    ],
  });
  const account = await created('/api/v1/accounts', { name: 'Acme' }, rep.cookie);
  const deal = await created(
    '/api/v1/deals',
    { name: 'Acme seats', accountId: account.id, currency: 'EUR', amount: '1000' },
    rep.cookie,
  );
  const settings = await call('PATCH', '/api/v1/quote-settings', {
    taxRates: { standard: '20', services: '10' },
    companyName: 'Rapport Demo GmbH',
    companyAddress: 'Hauptstraße 1\n10115 Berlin',
    terms: 'Payment within 30 days.',
  });
  if (settings.status !== 200) throw new Error(`quote settings: ${settings.status} ${settings.body}`);
  /** A quote of `lines` on a deal, accepted by the customer through its link, and the order it booked. */
  const booked = async (dealId: string, lines: { productId: string; quantity: number }[]) => {
    const quote = await created('/api/v1/quotes', { dealId, lines });
    const { token } = (await call('POST', `/api/v1/quotes/${quote.id}/share`, {})).json<{ token: string }>();
    const accepted = await app.call('POST', `/api/v1/public/quotes/${token}/accept`, {
      body: { name: 'Ann' },
    });
    if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${accepted.body}`);
    const list = await call('GET', `/api/v1/orders?filter[quoteId][eq]=${quote.id}`);
    return { quote, order: list.json<{ data: Rec[] }>().data[0] };
  };
  return { admin, manager, rep, call, created, booked, seat, hours, book, account, deal };
}
