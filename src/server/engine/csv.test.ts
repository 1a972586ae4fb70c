import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRows } from './csv';

describe('csvRows', () => {
  it('quotes only the cells that need it', () => {
    expect(csvRows([['a', 'b,c', 'say "hi"', 'two\nlines', null, 3]])).toBe(
      'a,"b,c","say ""hi""","two\nlines",,3\n',
    );
  });

  it('is read back by a CSV parser as the same cells, whatever they hold', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\n', '\r', 'é', '=', ';') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          expect(parse(csvRows(rows), { relax_column_count: true })).toEqual(rows);
        },
      ),
    );
  });
});
