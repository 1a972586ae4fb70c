import { z } from 'zod';

/** A price as an admin writes it: a decimal string or number, never negative, at most 4 decimals. */
export const listPrice = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,14}(\.\d{1,4})?$/.test(v), 'must be a price of 0 or more, like "1200.00"');

const day = z.iso.date({ message: 'must be a date like 2026-11-23' });

/** A lower unit price from a quantity on. */
export const volumeTier = z
  .object({ minQuantity: z.number().positive({ message: 'must be more than 0' }), listPrice })
  .strict();
export type VolumeTier = z.infer<typeof volumeTier>;

/** One product's price in a price book, optionally only between two days, with volume tiers. */
export const priceBookEntry = z
  .object({
    productId: z.uuid({ message: 'must be a product id' }),
    listPrice,
    validFrom: day.nullable().optional(),
    validUntil: day.nullable().optional(),
    tiers: z.array(volumeTier).max(20).optional(),
  })
  .strict()
  .refine((e) => !e.validFrom || !e.validUntil || e.validFrom <= e.validUntil, {
    message: 'validUntil is before validFrom',
    path: ['validUntil'],
  });
export type PriceBookEntry = z.infer<typeof priceBookEntry>;
export const priceBookEntries = z.array(priceBookEntry).max(5000);

/** The list price of a product in a book on a day for a quantity: the entry valid that day, its best tier. */
export function listPriceOf(
  entries: PriceBookEntry[],
  productId: string,
  quantity: number,
  onDay: string,
): string | null {
  const entry = entries.find(
    (e) =>
      e.productId === productId &&
      (!e.validFrom || e.validFrom <= onDay) &&
      (!e.validUntil || onDay <= e.validUntil),
  );
  if (!entry) return null;
  const tier = (entry.tiers ?? [])
    .filter((t) => t.minQuantity <= quantity)
    .sort((a, b) => b.minQuantity - a.minQuantity)[0];
  return tier?.listPrice ?? entry.listPrice;
}

/** Units sold as whole pieces: a quote line of such a product needs a whole quantity. */
export const countedUnits = ['unit', 'piece', 'seat', 'licence', 'license', 'user', 'device', 'each'];
