import type { VolumeTier } from '../contract';

/** Volume tiers as an admin types them: `100: 17.50; 500: 15.00` (from quantity: list price). */
export function tiersToText(tiers: VolumeTier[] | undefined): string {
  return (tiers ?? []).map((t) => `${t.minQuantity}: ${t.listPrice}`).join('; ');
}

/** The tiers typed, or the first part that is not `quantity: price`. */
export function tiersFromText(text: string): { tiers: VolumeTier[] } | { error: string } {
  const tiers: VolumeTier[] = [];
  for (const part of text.split(';').map((p) => p.trim())) {
    if (!part) continue;
    const match = /^(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d{1,4})?)$/.exec(part);
    if (!match) return { error: `"${part}" is not "quantity: price"` };
    tiers.push({ minQuantity: Number(match[1]), listPrice: match[2] });
  }
  return { tiers };
}
