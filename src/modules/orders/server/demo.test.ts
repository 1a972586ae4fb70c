import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/db/database';
import { systemContext } from '../../../server/seed/context';
import { seedRecords } from '../../../server/seed/demo';
import { createTestApp, type TestApp } from '../../../server/testing';
import { seedCatalogDemo } from '../../catalog/server';
import { seedSalesDemo } from '../../deals/server';
import { seedQuotesDemo } from '../../quotes/server';
import { seedOrdersDemo } from './demo';

let app: TestApp;
let admin: { cookie: string; workspaceId: string; userId: string };
let quoted: number;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.signup();
  await seedRecords(
    app.db,
    app.platform.registry,
    admin.workspaceId,
    [admin.userId],
    { accounts: 20, contacts: 40 },
    3,
  );
  const ctx = await systemContext(app.db, admin.workspaceId, admin.userId);
  await seedSalesDemo(ctx, app.platform.registry, [admin.userId], { deals: 150, leads: 5 });
  expect(await seedCatalogDemo(ctx, app.platform.registry)).toBe(60);
  quoted = await seedQuotesDemo(ctx, app.platform.registry);
  await seedOrdersDemo(ctx, app.platform.registry);
});
afterAll(() => app.close());

const query = <T>(text: ReturnType<typeof sql>) => app.db.read((x) => rows<T>(x, text));

describe('quotes and orders demo data', () => {
  it('gives every won USD or EUR deal an accepted quote and an order, mostly paid, with margins', async () => {
    expect(quoted).toBeGreaterThan(5);
    const [counts] = await query<{ quotes: number; orders: number; paid: number; families: number }>(
      sql`SELECT (SELECT count(*) FROM quotes WHERE status = 'accepted')::int AS quotes,
          (SELECT count(*) FROM orders)::int AS orders,
          (SELECT count(*) FROM orders WHERE status = 'paid' AND paid_total = total)::int AS paid,
          (SELECT count(DISTINCT family) FROM products)::int AS families`,
    );
    expect(counts).toMatchObject({ quotes: quoted, orders: quoted, families: 3 });
    expect(counts.paid).toBeGreaterThan(0);
    const margin = await app.call('GET', '/api/v1/orders/margin?by=product&limit=3', { as: admin.cookie });
    expect(margin.json<{ data: unknown[] }>().data).toHaveLength(3);
    const cycle = await app.call('GET', '/api/v1/orders/cycle', { as: admin.cookie });
    const byPeriod = cycle.json<{ byPeriod: { paidDeals: number }[] }>().byPeriod;
    expect(byPeriod.reduce((s, m) => s + m.paidDeals, 0)).toBe(counts.paid);
  });
});
