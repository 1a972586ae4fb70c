import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing';

let app: TestApp;
let admin: string;
let rep: string;

type Rec = Record<string, unknown> & { id: string; version: number };
const call = (method: string, url: string, body?: unknown, as = admin) => app.call(method, url, { as, body });

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
  rep = (await app.addUser(admin, 'rep')).cookie;
});
afterAll(() => app.close());

describe('products', () => {
  it('creates a product with an upper-case SKU, active by default, and refuses the same SKU again', async () => {
    const created = await call('POST', '/api/v1/products', {
      sku: 'seat-pro',
      name: 'Pro seat',
      family: 'Software',
      unit: 'seat',
      costPrice: '12.5',
      taxCategory: 'standard',
    });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ sku: 'SEAT-PRO', active: true, costPrice: '12.50', unit: 'seat' });
    const again = await call('POST', '/api/v1/products', { sku: 'SEAT-PRO', name: 'Copy' });
    expect(again.status).toBe(409);
    const list = await call('GET', '/api/v1/products?filter[sku][eq]=SEAT-PRO');
    expect(list.json<{ data: Rec[] }>().data).toHaveLength(1);
  });

  it('refuses a negative cost price with 400 naming the field, and writes nothing', async () => {
    const bad = await call('POST', '/api/v1/products', { sku: 'NEG', name: 'Negative', costPrice: '-1.00' });
    expect(bad.status).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'costPrice', message: 'cannot be negative' }]);
    const list = await call('GET', '/api/v1/products?filter[sku][eq]=NEG');
    expect(list.json<{ data: Rec[] }>().data).toEqual([]);
  });

  it('lets only admins edit the catalogue, and hides cost prices from reps once an admin says so', async () => {
    const refused = await call('POST', '/api/v1/products', { sku: 'REP', name: 'By a rep' }, rep);
    expect(refused.status).toBe(403);
    const hide = await call('PATCH', '/api/v1/metadata/objects/products/fields/costPrice', {
      access: { rep: 'hidden' },
    });
    expect(hide.status).toBe(200);
    const seen = await call('GET', '/api/v1/products?filter[sku][eq]=SEAT-PRO', undefined, rep);
    const [product] = seen.json<{ data: Rec[] }>().data;
    expect(product.name).toBe('Pro seat');
    expect('costPrice' in product).toBe(false);
    const filtered = await call('GET', '/api/v1/products?filter[costPrice][gt]=1', undefined, rep);
    expect(filtered.status).toBe(400);
  });
});

describe('price books', () => {
  it('holds list prices per currency, with validity and tiers, one standard book per currency', async () => {
    const product = (await call('POST', '/api/v1/products', { sku: 'SUPPORT', name: 'Support' })).json<Rec>();
    const book = await call('POST', '/api/v1/priceBooks', {
      name: 'Euro list',
      currency: 'eur',
      isStandard: true,
      entries: [
        {
          productId: product.id,
          listPrice: 100,
          validFrom: '2026-01-01',
          tiers: [{ minQuantity: 10, listPrice: '90.00' }],
        },
      ],
    });
    expect(book.status).toBe(201);
    expect(book.json()).toMatchObject({
      currency: 'EUR',
      isStandard: true,
      entries: [
        { productId: product.id, listPrice: '100', tiers: [{ minQuantity: 10, listPrice: '90.00' }] },
      ],
    });
    const second = await call('POST', '/api/v1/priceBooks', {
      name: 'Other',
      currency: 'EUR',
      isStandard: true,
    });
    expect(second.status).toBe(409);
    const segment = await call('POST', '/api/v1/priceBooks', {
      name: 'Partners',
      currency: 'EUR',
      segment: 'Partner',
    });
    expect(segment.status).toBe(201);
  });

  it('refuses a negative list price, an unknown currency and an unknown product, precisely', async () => {
    const product = (await call('POST', '/api/v1/products', { sku: 'X1', name: 'X' })).json<Rec>();
    const negative = await call('POST', '/api/v1/priceBooks', {
      name: 'Bad',
      currency: 'USD',
      entries: [{ productId: product.id, listPrice: '-5' }],
    });
    expect(negative.status).toBe(400);
    expect(negative.json().errors).toEqual([
      { path: 'entries.0.listPrice', message: 'must be a price of 0 or more, like "1200.00"' },
    ]);
    const currency = await call('POST', '/api/v1/priceBooks', { name: 'Bad', currency: 'XYZ' });
    expect(currency.status).toBe(400);
    expect(currency.json().errors).toEqual([
      { path: 'currency', message: 'is not an ISO 4217 currency code like EUR' },
    ]);
    const unknown = '0190f0f0-0000-7000-8000-000000000000';
    const missing = await call('POST', '/api/v1/priceBooks', {
      name: 'Bad',
      currency: 'USD',
      entries: [{ productId: unknown, listPrice: '5' }],
    });
    expect(missing.status).toBe(400);
    expect(missing.json().errors).toEqual([
      { path: 'entries.0.productId', message: `no products record with id ${unknown}` },
    ]);
    const books = await call('GET', '/api/v1/priceBooks?filter[name][eq]=Bad');
    expect(books.json<{ data: Rec[] }>().data).toEqual([]);
  });
});
