import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, type TestApp, type TestResponse } from '../testing';

/**
 * Shared set-up of the aggregate suites: four accounts whose every value is known, so each count, sum
 * and bucket is asserted exactly, with custom fields, and another workspace's account that counts
 * nowhere. Each test file calls `setUpAggregates()` at its top to register its own beforeAll/afterAll
 * (test files share a worker's imported modules, so importing alone would set up only the first file).
 */

export interface Group {
  group: Record<string, unknown>;
  values: unknown[];
}
export interface Answer {
  data: Group[];
  capped: boolean;
}

export let app: TestApp;
export let admin: { cookie: string; userId: string };

export async function ok(response: TestResponse, status = 200) {
  expect(response.status, response.body).toBe(status);
  return response;
}

export async function aggregate(body: unknown, as = admin.cookie, object = 'accounts'): Promise<Answer> {
  const response = await ok(await app.call('POST', `/api/v1/${object}/aggregate`, { as, body }));
  return response.json<Answer>();
}

/** The paths a refused aggregate names. */
export async function refused(body: unknown, as = admin.cookie): Promise<string[]> {
  const response = await app.call('POST', '/api/v1/accounts/aggregate', { as, body });
  expect(response.status, response.body).toBe(400);
  return response.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
}

const customFields = [
  {
    name: 'tier',
    label: 'Tier',
    type: 'select',
    options: [
      { value: 'silver', label: 'Silver' },
      { value: 'gold', label: 'Gold' },
    ],
  },
  {
    name: 'regions',
    label: 'Regions',
    type: 'multiselect',
    options: [
      { value: 'west', label: 'West' },
      { value: 'east', label: 'East' },
    ],
  },
  { name: 'fee', label: 'Fee', type: 'money' },
  { name: 'rating', label: 'Rating', type: 'number' },
  { name: 'signedOn', label: 'Signed on', type: 'date' },
  { name: 'seenAt', label: 'Seen at', type: 'datetime' },
  { name: 'legacyCode', label: 'Legacy code', type: 'text' },
];

// 2026-01-05 and 2026-01-12 are Mondays, 2026-01-11 a Sunday, 2025-12-31 a Wednesday.
const accounts = [
  {
    name: 'A1',
    industry: 'Retail',
    lifecycleStage: 'customer',
    employees: 10,
    annualRevenue: '0.10',
    tags: ['vip', 'eu'],
    tier: 'gold',
    regions: ['east', 'west'],
    fee: '1.25',
    rating: 1.5,
    signedOn: '2026-01-05',
    seenAt: '2026-03-01T00:30:00+02:00',
    billingAddress: { city: 'Paris', country: 'France' },
  },
  {
    name: 'A2',
    industry: 'Retail',
    lifecycleStage: 'lead',
    employees: 20,
    annualRevenue: '0.20',
    tags: ['vip'],
    tier: 'silver',
    regions: ['east'],
    fee: '2.50',
    rating: 2.25,
    signedOn: '2026-01-11',
    seenAt: '2026-03-01T01:00:00Z',
    billingAddress: { city: 'Lyon', country: 'France' },
  },
  {
    name: 'A3',
    industry: 'Energy',
    lifecycleStage: 'customer',
    annualRevenue: '1000000.05',
    tier: 'gold',
    fee: '0.05',
    signedOn: '2026-01-12',
  },
  { name: 'A4', employees: 6, tags: ['eu'], signedOn: '2025-12-31' },
];

/** Registers the calling test file's beforeAll (the workspaces above) and afterAll (closing the app). */
export function setUpAggregates(): void {
  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.signup('Aggregates');
    for (const field of customFields)
      await ok(
        await app.call('POST', '/api/v1/metadata/objects/accounts/fields', { as: admin.cookie, body: field }),
        201,
      );
    await ok(
      await app.call('PATCH', '/api/v1/metadata/objects/accounts/fields/legacyCode', {
        as: admin.cookie,
        body: { retired: true },
      }),
    );
    await ok(
      await app.call('POST', '/api/v1/accounts/bulk', { as: admin.cookie, body: { create: accounts } }),
    );
    // Another workspace's accounts count nowhere here.
    const other = await app.signup('Elsewhere');
    await ok(
      await app.call('POST', '/api/v1/accounts/bulk', {
        as: other.cookie,
        body: { create: [{ name: 'X', industry: 'Retail', annualRevenue: '5.00' }] },
      }),
    );
  });
  afterAll(() => app.close());
}
