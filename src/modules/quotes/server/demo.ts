import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import { type Registry, type RequestContext, writeTransaction } from '../../../server/engine';
import { createFaker } from '../../../server/seed/people';

/**
 * An accepted quote for each won deal in a currency with a standard price book (USD, EUR), dated to the
 * deal's win; accepting books the orders. Written through the engine in batches, then backdated.
 */
export async function seedQuotesDemo(ctx: RequestContext, registry: Registry) {
  const faker = createFaker(15);
  const ws = ctx.workspace.id;
  const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
  await ctx.db.write((tx) =>
    tx.execute(sql`INSERT INTO quote_settings (workspace_id, approval_discount_percent, tax_rates, company_name,
        company_address, terms, validity_days)
      VALUES (${ws}, 20, '{"standard": "20", "services": "10"}'::jsonb, 'Northwind Trading',
        '1 Harbour Street, Seattle, WA 98101', 'Payment within 30 days of invoice. Prices exclude tax.', 30)
      ON CONFLICT (workspace_id) DO NOTHING`),
  );
  const [won, products] = await ctx.db.read(async (x) => [
    await rows<{ id: string; owner_id: string; closed_at: string }>(
      x,
      sql`SELECT d.id, d.owner_id, d.closed_at::text FROM deals d
        WHERE d.workspace_id = ${ws} AND d.deleted_at IS NULL AND d.forecast_category = 'closedWon'
          AND d.closed_at IS NOT NULL AND d.currency IN ('USD', 'EUR') ORDER BY d.closed_at, d.id`,
    ),
    await rows<{ id: string; unit: string }>(
      x,
      sql`SELECT id, unit FROM products WHERE workspace_id = ${ws} AND deleted_at IS NULL ORDER BY sku`,
    ),
  ]);
  if (products.length === 0) return 0;
  const batch = 100;
  for (let done = 0; done < won.length; done += batch) {
    const part = won.slice(done, done + batch);
    await writeTransaction(ctx, objects, async (records, tx) => {
      const created = await records.create(
        'quotes',
        part.map((deal, i) => ({
          body: {
            dealId: deal.id,
            ownerId: deal.owner_id,
            lines: faker.helpers.arrayElements(products, { min: 1, max: 4 }).map((p) => ({
              productId: p.id,
              quantity:
                p.unit === 'hour'
                  ? faker.number.int({ min: 4, max: 80 })
                  : faker.number.int({ min: 1, max: 60 }),
              discountPercent: faker.helpers.arrayElement([0, 0, 5, 10, 15]),
            })),
          },
          path: `${done + i}`,
        })),
      );
      const ids = created.map((c) => ({ id: c.id, path: '' }));
      await records.update(
        'quotes',
        ids.map((q) => ({ ...q, body: { status: 'sent' } })),
      );
      await records.update(
        'quotes',
        ids.map((q) => ({ ...q, body: { status: 'accepted' } })),
      );
      const dates = created.map((c, i) => sql`(${c.id}::uuid, ${part[i].closed_at}::timestamptz)`);
      await tx.execute(sql`UPDATE quotes q SET created_at = v.won - interval '9 days', updated_at = v.won,
          sent_at = v.won - interval '7 days', accepted_at = v.won, accepted_by_name = 'Customer (demo)',
          valid_until = (v.won + interval '23 days')::date
        FROM (VALUES ${sql.join(dates, sql`, `)}) AS v(id, won) WHERE q.workspace_id = ${ws} AND q.id = v.id`);
    });
  }
  return won.length;
}
