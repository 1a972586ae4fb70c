import { describe, expect, it } from 'vitest';
import type { FieldMeta } from '../../../common/metadata';
import { countConditions, listQueryParams, operatorsFor, pruneFilter } from './filterModel';

const email: FieldMeta = {
  name: 'email',
  label: 'Email',
  type: 'email',
  required: false,
  readOnly: false,
  custom: false,
  sortable: true,
  filterable: true,
  searchable: true,
  placement: 'list',
  group: 'Reach',
  operators: ['eq', 'ne', 'lt', 'contains', 'startsWith', 'isNull'],
  timeline: true,
};

describe('operatorsFor', () => {
  it('offers the operators that fit the type and the server accepts, most useful first', () => {
    expect(operatorsFor(email)).toEqual(['contains', 'eq', 'startsWith', 'isNull']);
  });
  it('offers no ordering comparisons on text, and keeps them on numbers', () => {
    const all = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'startsWith', 'isNull'];
    expect(operatorsFor({ ...email, type: 'text', operators: all })).toEqual([
      'contains',
      'eq',
      'ne',
      'startsWith',
      'isNull',
    ]);
    expect(operatorsFor({ ...email, type: 'integer', operators: all })).toEqual([
      'eq',
      'ne',
      'gt',
      'gte',
      'lt',
      'lte',
      'isNull',
    ]);
  });
  it('falls back to the type defaults when the server lists none', () => {
    expect(operatorsFor({ ...email, type: 'boolean', operators: [] })).toEqual(['eq']);
  });
});

describe('pruneFilter', () => {
  it('drops unfinished conditions and empty groups', () => {
    expect(
      pruneFilter({
        and: [
          { field: 'email', op: 'contains', value: '' },
          { or: [{ field: 'title', op: 'eq' }] },
          { field: 'phone', op: 'isNull', value: true },
        ],
      }),
    ).toEqual({ and: [{ field: 'phone', op: 'isNull', value: true }] });
    expect(pruneFilter({ and: [{ field: 'email', op: 'in', value: [] }] })).toBe(undefined);
  });
});

describe('listQueryParams', () => {
  it('writes a plain AND as filter[field][op] parameters', () => {
    const params = listQueryParams({
      sort: '-createdAt',
      q: 'acme',
      filter: {
        and: [
          { field: 'industry', op: 'in', value: ['Retail', 'Media'] },
          { field: 'employees', op: 'gte', value: 100 },
        ],
      },
    });
    expect(params?.toString()).toBe(
      'sort=-createdAt&q=acme&filter%5Bindustry%5D%5Bin%5D=Retail%2CMedia&filter%5Bemployees%5D%5Bgte%5D=100',
    );
  });
  it('cannot express or-groups', () => {
    const filter = { or: [{ field: 'title', op: 'contains' as const, value: 'vp' }] };
    expect(listQueryParams({ filter })).toBe(null);
    expect(countConditions({ and: [filter, { field: 'email', op: 'isNull', value: true }] })).toBe(2);
  });
});
