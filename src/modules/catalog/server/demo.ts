import { Decimal } from 'decimal.js';
import { type Registry, type RequestContext, writeTransaction } from '../../../server/engine';
import { createFaker } from '../../../server/seed/people';

const families = [
  {
    family: 'Software',
    unit: 'seat',
    tax: 'standard',
    cost: [4, 40],
    markup: [3, 6],
    names: ['Seat', 'Licence', 'Add-on', 'Module'],
  },
  {
    family: 'Hardware',
    unit: 'device',
    tax: 'standard',
    cost: [40, 900],
    markup: [1.3, 1.8],
    names: ['Scanner', 'Terminal', 'Gateway', 'Printer'],
  },
  {
    family: 'Services',
    unit: 'hour',
    tax: 'services',
    cost: [45, 90],
    markup: [1.6, 2.4],
    names: ['Consulting', 'Training', 'Setup', 'Support'],
  },
] as const;
const tiers = ['Basic', 'Standard', 'Pro', 'Enterprise', 'Plus'];

/** About 60 products in three families with cost prices, and standard USD and EUR price books. */
export async function seedCatalogDemo(ctx: RequestContext, registry: Registry) {
  const faker = createFaker(14);
  const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
  const planned = families.flatMap((f, fi) =>
    f.names.flatMap((name, ni) =>
      tiers.map((tier, ti) => {
        const cost = new Decimal(faker.number.float({ min: f.cost[0], max: f.cost[1] })).toDecimalPlaces(2);
        const price = cost
          .times(faker.number.float({ min: f.markup[0], max: f.markup[1] }))
          .toDecimalPlaces(0);
        return {
          body: {
            sku: `${f.family.slice(0, 3).toUpperCase()}-${fi}${ni}${ti}`,
            name: `${name} ${tier}`,
            family: f.family,
            unit: f.unit,
            costPrice: cost.toFixed(2),
            taxCategory: f.tax,
            description: `${f.family}: ${name.toLowerCase()}, ${tier.toLowerCase()} edition`,
          },
          usd: price,
        };
      }),
    ),
  );
  await writeTransaction(ctx, objects, async (records) => {
    const products = await records.create(
      'products',
      planned.map((p, i) => ({ body: p.body, path: `${i}` })),
    );
    const entries = (rate: number) =>
      products.map((p, i) => ({
        productId: p.id,
        listPrice: planned[i].usd.times(rate).toDecimalPlaces(0).toFixed(2),
        tiers: [
          {
            minQuantity: 50,
            listPrice: planned[i].usd
              .times(rate * 0.9)
              .toDecimalPlaces(2)
              .toFixed(2),
          },
        ],
      }));
    await records.create('priceBooks', [
      {
        body: { name: 'List prices (USD)', currency: 'USD', isStandard: true, entries: entries(1) },
        path: 'usd',
      },
      {
        body: { name: 'List prices (EUR)', currency: 'EUR', isStandard: true, entries: entries(0.92) },
        path: 'eur',
      },
    ]);
  });
  return planned.length;
}
