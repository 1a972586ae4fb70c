import { getTableConfig, index } from 'drizzle-orm/pg-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Address } from '../../common/address';
import { defineObject } from './declaration';

const base = {
  hasOwner: false,
  defaultVisibility: 'workspace',
  defaultSort: 'name',
  titleField: 'name',
} as const;

const venueObject = defineObject({
  ...base,
  name: 'venues',
  label: 'Venue',
  labelPlural: 'Venues',
  fields: { name: { type: 'text', label: 'Name' } },
});

const fieldTripObject = defineObject({
  ...base,
  name: 'fieldTrips',
  label: 'Field trip',
  labelPlural: 'Field trips',
  fields: {
    name: { type: 'text', label: 'Name', required: true, notNull: true },
    budget: { type: 'money', label: 'Budget' },
    rate: { type: 'number', label: 'Rate', precision: 5, scale: 4 },
    startsOn: { type: 'date', label: 'Starts on' },
    startsAt: { type: 'datetime', label: 'Starts at' },
    confirmed: { type: 'boolean', label: 'Confirmed', notNull: true },
    headcount: { type: 'integer', label: 'Headcount' },
    venueId: { type: 'reference', label: 'Venue', reference: 'venues', column: 'venue' },
    parentTripId: { type: 'reference', label: 'Part of', reference: 'fieldTrips' },
    meetingPoint: { type: 'address', label: 'Meeting point' },
    tags: { type: 'tags', label: 'Tags' },
    kind: { type: 'select', label: 'Kind', options: [{ value: 'day', label: 'Day' }] },
  },
  indexes: (t) => [index('field_trips_venue_idx').on(t.workspaceId, t.venueId)],
  foreignKeys: {
    field_trips_venue_fk: { field: 'venueId', table: () => venueObject.table },
    field_trips_parent_fk: { field: 'parentTripId' },
  },
});

describe('an object declaration builds its table from its fields', () => {
  const config = getTableConfig(fieldTripObject.table);

  it('names the table and the columns in snake_case, unless a field names its column', () => {
    expect(config.name).toBe('field_trips');
    expect(config.columns.slice(14).map((c) => [c.name, c.getSQLType(), c.notNull, c.hasDefault])).toEqual([
      ['name', 'text', true, false],
      ['budget', 'numeric(18, 2)', false, false],
      ['rate', 'numeric(5, 4)', false, false],
      ['starts_on', 'date', false, false],
      ['starts_at', 'timestamp with time zone', false, false],
      ['confirmed', 'boolean', true, false],
      ['headcount', 'integer', false, false],
      ['venue', 'uuid', false, false],
      ['parent_trip_id', 'uuid', false, false],
      ['meeting_point', 'jsonb', false, false],
      ['tags', 'text[]', true, true],
      ['kind', 'text', false, false],
    ]);
  });

  it('starts with the columns every record has', () => {
    expect(config.columns.slice(0, 14).map((c) => c.name)).toEqual([
      'workspace_id',
      'id',
      'version',
      'owner_id',
      'created_at',
      'updated_at',
      'created_by',
      'updated_by',
      'deleted_at',
      'deleted_by',
      'custom',
      'search_text',
      'search_vector',
      'search_names',
    ]);
    expect(config.primaryKeys.map((k) => [k.getName(), k.columns.map((c) => c.name)])).toEqual([
      ['field_trips_pkey', ['workspace_id', 'id']],
    ]);
  });

  it('adds the declared indexes to those of every record table', () => {
    expect(config.indexes.map((i) => i.config.name)).toEqual([
      'field_trips_created_idx',
      'field_trips_updated_idx',
      'field_trips_owner_idx',
      'field_trips_bin_idx',
      'field_trips_names_trgm_idx',
      'field_trips_search_fts_idx',
      'field_trips_venue_idx',
    ]);
  });

  it('keys every foreign key by workspace, to another table or its own', () => {
    const keys = config.foreignKeys.map((k) => {
      const ref = k.reference();
      return [
        k.getName(),
        ref.columns.map((c) => c.name),
        getTableConfig(ref.foreignTable).name,
        ref.foreignColumns.map((c) => c.name),
      ];
    });
    expect(keys).toEqual([
      ['field_trips_venue_fk', ['workspace_id', 'venue'], 'venues', ['workspace_id', 'id']],
      ['field_trips_parent_fk', ['workspace_id', 'parent_trip_id'], 'field_trips', ['workspace_id', 'id']],
    ]);
  });

  it('keeps every column typed', () => {
    const trips = fieldTripObject.table;
    expectTypeOf<typeof trips.$inferSelect.name>().toEqualTypeOf<string>();
    expectTypeOf<typeof trips.$inferSelect.budget>().toEqualTypeOf<string | null>();
    expectTypeOf<typeof trips.$inferSelect.confirmed>().toEqualTypeOf<boolean>();
    expectTypeOf<typeof trips.$inferSelect.headcount>().toEqualTypeOf<number | null>();
    expectTypeOf<typeof trips.$inferSelect.meetingPoint>().toEqualTypeOf<Address | null>();
    expectTypeOf<typeof trips.$inferSelect.tags>().toEqualTypeOf<string[]>();
    expectTypeOf<typeof trips._.name>().toEqualTypeOf<'field_trips'>();
    expect(trips.venueId.name).toBe('venue');
    // compile-time: a foreign key is declared on a reference field only
    const onText = () =>
      // @ts-expect-error name is not a reference field
      defineObject({
        ...base,
        name: 'badges',
        label: 'Badge',
        labelPlural: 'Badges',
        fields: { name: { type: 'text', label: 'Name' } },
        foreignKeys: { badges_name_fk: { field: 'name' } },
      });
    expectTypeOf(onText).toBeFunction();
  });
});
