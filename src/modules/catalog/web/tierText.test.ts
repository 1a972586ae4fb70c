import { describe, expect, it } from 'vitest';
import { tiersFromText, tiersToText } from './tierText';

describe('volume tiers as text', () => {
  it('reads and writes quantity: price pairs', () => {
    expect(tiersFromText('100: 17.50; 500:15 ;')).toEqual({
      tiers: [
        { minQuantity: 100, listPrice: '17.50' },
        { minQuantity: 500, listPrice: '15' },
      ],
    });
    expect(tiersToText([{ minQuantity: 100, listPrice: '17.50' }])).toBe('100: 17.50');
    expect(tiersFromText('')).toEqual({ tiers: [] });
  });

  it('names the part it cannot read', () => {
    expect(tiersFromText('100: 17.50; lots: 3')).toEqual({ error: '"lots: 3" is not "quantity: price"' });
    expect(tiersFromText('10: -1')).toEqual({ error: '"10: -1" is not "quantity: price"' });
  });
});
