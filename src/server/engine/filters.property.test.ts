import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { industries } from '../../modules/accounts/contract';
import { rows } from '../db/database';
import { createTestApp, type TestApp } from '../testing';

/**
 * The filter compiler against an in-memory reference: random records (inserted through the bulk
 * endpoint), random filter trees through `POST /{object}/query`, the same id set both ways.
 *
 * Reference semantics, read from query.ts and API.md: SQL three-valued logic; a comparison with a
 * null field is unknown, `ne` is IS DISTINCT FROM (never unknown), `not` of an unknown is true
 * (NOT COALESCE(x, FALSE)), contains/startsWith ignore case and treat % _ \ literally, text orders
 * as the database's collation orders it (code points under C; see textOrderOf), arrays (tags, multiselect) match `eq` on an
 * element and `contains` on a substring of an element; an empty array counts as null for isNull.
 */

type Kind = 'text' | 'integer' | 'date' | 'boolean' | 'select' | 'array';
interface Field {
  name: string;
  kind: Kind;
  nullable: boolean;
  options?: string[];
}
type Value = string | number | boolean | string[] | null;
type Rec = Record<string, Value> & { id: string };
type Leaf = { field: string; op: string; value?: unknown };
type Tree = Leaf | { and: Tree[] } | { or: Tree[] } | { not: Tree };

const chars = [
  'a',
  'b',
  'A',
  'B',
  'z',
  ' ',
  '%',
  '_',
  '\\',
  "'",
  '"',
  'é',
  'É',
  'ñ',
  'Ü',
  '中',
  '🚀',
  'ש',
  ';',
  '-',
];
const textArb = (min: number) =>
  fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: 8 }).map((a) => a.join(''));
const nonBlank = textArb(1).filter((s) => s.trim() !== '');
const dateArb = fc
  .record({
    y: fc.constantFrom(1999, 2025, 2026),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const colors = ['red', 'green', 'blue'];
const labelOptions = ['hot', 'cold', 'Warm_%'];

const gadgetFields: Field[] = [
  { name: 'name', kind: 'text', nullable: false },
  { name: 'note', kind: 'text', nullable: true },
  { name: 'qty', kind: 'integer', nullable: true },
  { name: 'made', kind: 'date', nullable: true },
  { name: 'active', kind: 'boolean', nullable: true },
  { name: 'color', kind: 'select', nullable: true, options: colors },
  { name: 'labels', kind: 'array', nullable: true, options: labelOptions },
];
const accountFields: Field[] = [
  { name: 'name', kind: 'text', nullable: false },
  { name: 'description', kind: 'text', nullable: true },
  { name: 'employees', kind: 'integer', nullable: true },
  { name: 'industry', kind: 'select', nullable: true, options: industries.slice(0, 4) as string[] },
  { name: 'tags', kind: 'array', nullable: false },
];

function valueArb(field: Field): fc.Arbitrary<Value> {
  const base: fc.Arbitrary<Value> = (() => {
    switch (field.kind) {
      case 'text':
        return field.nullable ? textArb(0) : nonBlank;
      case 'integer':
        return fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(0, 2147483647));
      case 'date':
        return dateArb;
      case 'boolean':
        return fc.boolean();
      case 'select':
        return fc.constantFrom(...(field.options as string[]));
      case 'array':
        return field.options
          ? fc.uniqueArray(fc.constantFrom(...field.options), { maxLength: 3 })
          : fc.uniqueArray(nonBlank, { maxLength: 3 });
    }
  })();
  return field.nullable ? fc.option(base, { nil: null, freq: 4 }) : base;
}

function recordArb(fields: Field[]) {
  return fc.record(Object.fromEntries(fields.map((f) => [f.name, valueArb(f)]))) as fc.Arbitrary<
    Record<string, Value>
  >;
}

const operators: Record<Kind, string[]> = {
  text: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'startsWith', 'isNull'],
  integer: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'isNull'],
  date: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'isNull'],
  boolean: ['eq', 'ne', 'isNull'],
  select: ['eq', 'ne', 'in', 'isNull'],
  array: ['eq', 'contains', 'isNull'],
};

const flipCase = (s: string, seed: number) =>
  [...s].map((c, i) => ((seed >> (i % 16)) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');

/** Leaves whose values are often taken from the data, so that matches are common. */
function leafArb(fields: Field[], records: Rec[]): fc.Arbitrary<Leaf> {
  return fc.constantFrom(...fields).chain((field) =>
    fc.constantFrom(...operators[field.kind]).chain((op): fc.Arbitrary<Leaf> => {
      const seen = records.map((r) => r[field.name]).filter((v) => v !== null && v !== undefined);
      const scalar: fc.Arbitrary<Value> =
        field.kind === 'array'
          ? fc.oneof(
              fc.constantFrom(...(field.options ?? ['x'])),
              seen.flat().length ? fc.constantFrom(...(seen.flat() as string[])) : nonBlank,
              nonBlank,
            )
          : fc.oneof(
              ...(seen.length ? [fc.constantFrom(...seen)] : []),
              valueArb({ ...field, nullable: false }),
            );
      if (op === 'isNull') return fc.boolean().map((value) => ({ field: field.name, op, value }));
      if (op === 'in')
        return fc
          .array(scalar, { minLength: 1, maxLength: 4 })
          .map((value) => ({ field: field.name, op, value }));
      if (op === 'contains' || op === 'startsWith') {
        const pattern = fc
          .tuple(fc.oneof(scalar.map(String), textArb(0)), fc.nat(), fc.nat(), fc.nat(65535))
          .map(([s, a, b, seed]) => {
            // Sliced by code point: a lone surrogate is not text.
            const points = [...s];
            const from = op === 'startsWith' ? 0 : a % (points.length + 1);
            return flipCase(points.slice(from, from + (b % (points.length + 1))).join(''), seed);
          });
        return pattern.map((value) => ({ field: field.name, op, value }));
      }
      return scalar.map((value) => ({ field: field.name, op, value }));
    }),
  );
}

function treeArb(fields: Field[], records: Rec[]): fc.Arbitrary<Tree> {
  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafArb(fields, records),
      fc.array(tie('tree'), { maxLength: 3 }).map((and) => ({ and })),
      fc.array(tie('tree'), { maxLength: 3 }).map((or) => ({ or })),
      tie('tree').map((not) => ({ not })),
    ),
  }));
  return tree;
}

/** Code point order, as the C collation compares UTF-8 bytes. */
function codePointOrder(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) as number);
  const y = [...b].map((c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/**
 * The order text has in the database under test: code points under C, or ICU's order for an ICU
 * locale (Node's Intl.Collator is ICU too), with PostgreSQL's tie-break of a deterministic collation
 * (strings ICU finds equal are ordered by their bytes). A libc locale other than C has no reference here.
 */
async function textOrderOf(server: TestApp): Promise<(a: string, b: string) => number> {
  const [{ d }] = await server.db.read((x) =>
    rows<{ d: Record<string, string | null> }>(
      x,
      sql`SELECT to_jsonb(d) AS d FROM pg_database d WHERE datname = current_database()`,
    ),
  );
  const icuLocale = d.daticulocale ?? d.datlocale;
  if (d.datlocprovider === 'i' && icuLocale) {
    const collator = new Intl.Collator(icuLocale);
    return (a, b) => collator.compare(a, b) || codePointOrder(a, b);
  }
  if (['C', 'POSIX', 'C.UTF-8', 'C.utf8'].includes(String(d.datcollate))) return codePointOrder;
  throw new Error(`No reference order for the libc collation ${d.datcollate}: use C or an ICU locale`);
}

let compareText = codePointOrder;

function compare(kind: Kind, a: Value, b: Value): number {
  if (kind === 'integer') return (a as number) - (b as number);
  if (kind === 'boolean') return Number(a) - Number(b);
  return compareText(String(a), String(b));
}

type Truth = boolean | null;

function evaluate(tree: Tree, record: Rec, fields: Field[]): Truth {
  if ('and' in tree) {
    const parts = tree.and.map((t) => evaluate(t, record, fields));
    return parts.includes(false) ? false : parts.includes(null) ? null : true;
  }
  if ('or' in tree) {
    const parts = tree.or.map((t) => evaluate(t, record, fields));
    return parts.includes(true) ? true : parts.includes(null) ? null : false;
  }
  if ('not' in tree) return !(evaluate(tree.not, record, fields) ?? false);
  const field = fields.find((f) => f.name === tree.field) as Field;
  const v = record[field.name] ?? null;
  const lower = (s: string) => s.toLowerCase();
  if (field.kind === 'array') {
    const list = v as string[] | null;
    if (tree.op === 'isNull') return (list === null || list.length === 0) === tree.value;
    if (tree.op === 'eq') return list === null ? null : list.includes(String(tree.value));
    return (list ?? []).some((x) => lower(x).includes(lower(String(tree.value))));
  }
  switch (tree.op) {
    case 'isNull':
      return (v === null) === tree.value;
    case 'ne':
      return v === null || compare(field.kind, v, tree.value as Value) !== 0;
    case 'contains':
      return v === null ? null : lower(v as string).includes(lower(tree.value as string));
    case 'startsWith':
      return v === null ? null : lower(v as string).startsWith(lower(tree.value as string));
    case 'in':
      return v === null ? null : (tree.value as Value[]).some((x) => compare(field.kind, v, x) === 0);
  }
  if (v === null) return null;
  const c = compare(field.kind, v, tree.value as Value);
  return { eq: c === 0, lt: c < 0, lte: c <= 0, gt: c > 0, gte: c >= 0 }[tree.op] as boolean;
}

/** The live records of each object, as the server answered them. */
const live = new Map<string, Rec[]>();

/** Replaces the object's live records with `rows` and answers them as the server stored them. */
async function replaceRecords(object: string, rows: Record<string, Value>[]): Promise<Rec[]> {
  const previous = live.get(object) ?? [];
  const response = await app.call('POST', `/api/v1/${object}/bulk`, {
    as: admin.cookie,
    body: { create: rows, delete: previous.map((r) => r.id) },
  });
  expect(response.status, response.body).toBe(200);
  const body = response.json<{ created: Rec[]; deleted: string[] }>();
  expect(body.deleted).toHaveLength(previous.length);
  live.set(object, body.created);
  return body.created;
}

async function queryIds(object: string, filter: Tree): Promise<string[]> {
  const response = await app.call('POST', `/api/v1/${object}/query`, {
    as: admin.cookie,
    body: { filter, limit: 500, fields: ['id'] },
  });
  expect(response.status, `${JSON.stringify(filter)} -> ${response.body}`).toBe(200);
  const body = response.json<{ data: { id: string }[]; nextCursor: string | null }>();
  expect(body.nextCursor).toBeNull();
  return body.data.map((d) => d.id).sort();
}

function filterProperty(object: string, fields: Field[]) {
  return async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArb(fields), { minLength: 5, maxLength: 30 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        async (rows, seed) => {
          const current = await replaceRecords(object, rows);
          const trees = fc.sample(treeArb(fields, current), { numRuns: 25, seed });
          for (const tree of trees) {
            const expected = current
              .filter((r) => evaluate(tree, r, fields) === true)
              .map((r) => r.id)
              .sort();
            expect(await queryIds(object, tree), JSON.stringify(tree)).toEqual(expected);
          }
        },
      ),
      { numRuns: 8 },
    );
  };
}

let app: TestApp;
let admin: { cookie: string };

/** A fresh server whose database has `collation` (the server's default when undefined). */
async function setUp(collation: string | undefined) {
  app = await createTestApp({ collation });
  admin = await app.signup();
  compareText = await textOrderOf(app);
  live.clear();
  const created = await app.call('POST', '/api/v1/metadata/objects', {
    as: admin.cookie,
    body: {
      name: 'gadgets',
      label: 'Gadget',
      labelPlural: 'Gadgets',
      fields: [
        { name: 'note', label: 'Note', type: 'text' },
        { name: 'qty', label: 'Quantity', type: 'integer' },
        { name: 'made', label: 'Made on', type: 'date' },
        { name: 'active', label: 'Active', type: 'boolean' },
        {
          name: 'color',
          label: 'Color',
          type: 'select',
          options: colors.map((c) => ({ value: c, label: c })),
        },
        {
          name: 'labels',
          label: 'Labels',
          type: 'multiselect',
          options: labelOptions.map((c) => ({ value: c, label: c })),
        },
      ],
    },
  });
  expect(created.status).toBe(201);
}

/**
 * The test databases use the C collation (PGlite creates its database so; the PostgreSQL pass
 * creates them from the server's template, C here). Installations often run under a language's collation, where case and
 * accents weigh less than letters: in the PostgreSQL pass the same properties run again on a database
 * whose collation is ICU's en-US.
 */
const collations = [undefined, ...(process.env.DATABASE_URL ? ['en-US'] : [])];

describe.each(collations)('with the collation %s', (collation) => {
  beforeAll(() => setUp(collation));
  afterAll(() => app.close());

  describe('filters match the reference evaluator', () => {
    it(
      'on a custom object (text, integer, date, boolean, select, multiselect)',
      filterProperty('gadgets', gadgetFields),
    );
    it('on accounts (text, longtext, integer, select, tags)', filterProperty('accounts', accountFields));

    it('agrees on hand-picked edge cases', async () => {
      const stored = await replaceRecords('gadgets', [
        { name: '50% off_now', note: null, qty: null, labels: [] },
        { name: "O'Brien \\ co", note: '', qty: 0, labels: ['Warm_%'] },
        { name: '5000 offXnow', note: 'ÉCOLE', qty: 3 },
      ]);
      expect(stored).toHaveLength(3);
      const ids = (pred: (r: Rec) => boolean) =>
        stored
          .filter(pred)
          .map((r) => r.id)
          .sort();
      const byName = (n: string) => ids((r) => r.name === n);
      expect(await queryIds('gadgets', { field: 'name', op: 'contains', value: '0% off_' })).toEqual(
        byName('50% off_now'),
      );
      expect(await queryIds('gadgets', { field: 'name', op: 'startsWith', value: "o'brien \\" })).toEqual(
        byName("O'Brien \\ co"),
      );
      expect(await queryIds('gadgets', { field: 'note', op: 'contains', value: 'éco' })).toEqual(
        byName('5000 offXnow'),
      );
      expect(await queryIds('gadgets', { field: 'qty', op: 'ne', value: 3 })).toEqual(
        ids((r) => r.name !== '5000 offXnow'),
      );
      expect(await queryIds('gadgets', { not: { field: 'qty', op: 'gt', value: 1 } })).toEqual(
        ids((r) => r.name !== '5000 offXnow'),
      );
      expect(await queryIds('gadgets', { field: 'labels', op: 'isNull', value: true })).toEqual(
        ids((r) => r.name !== "O'Brien \\ co"),
      );
      expect(await queryIds('gadgets', { field: 'labels', op: 'contains', value: 'M_%' })).toEqual(
        byName("O'Brien \\ co"),
      );
      expect(await queryIds('gadgets', { field: 'note', op: 'in', value: ['', 'x,"y"'] })).toEqual(
        byName("O'Brien \\ co"),
      );
      expect(await queryIds('gadgets', { or: [] })).toEqual([]);
      expect(await queryIds('gadgets', { and: [] })).toEqual(ids(() => true));
      await replaceRecords('gadgets', []);
    });
  });

  interface Sort {
    spec: string;
    keys: { field: Field; dir: 1 | -1 }[];
  }

  function sortOf(spec: string): Sort {
    return {
      spec,
      keys: spec.split(',').map((part) => {
        const name = part.replace(/^-/, '');
        return {
          field: gadgetFields.find((f) => f.name === name) as Field,
          dir: part.startsWith('-') ? -1 : 1,
        };
      }),
    };
  }

  /** ORDER BY of the compiler: ASC NULLS LAST, DESC NULLS FIRST, ties by id. */
  function compareRecords(sort: Sort, a: Rec, b: Rec): number {
    for (const { field, dir } of sort.keys) {
      const x = a[field.name] ?? null;
      const y = b[field.name] ?? null;
      if (x === null && y === null) continue;
      if (x === null) return dir === 1 ? 1 : -1;
      if (y === null) return dir === 1 ? -1 : 1;
      const c = compare(field.kind, x, y);
      if (c !== 0) return c * dir;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  describe('keyset pagination', () => {
    const sorts = [
      'qty',
      '-qty',
      'made,-name',
      '-note',
      'active,-qty',
      '-color,made',
      'name',
      '-active,note',
    ];

    it('visits every record exactly once, in order, while records are added between pages', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(recordArb(gadgetFields), { minLength: 3, maxLength: 25 }),
          fc.constantFrom(...sorts),
          fc.integer({ min: 1, max: 6 }),
          fc.array(fc.array(recordArb(gadgetFields), { maxLength: 3 }), { maxLength: 10 }),
          async (rows, spec, limit, inserts) => {
            const current = await replaceRecords('gadgets', rows);
            const sort = sortOf(spec);
            const expected = [...current].sort((a, b) => compareRecords(sort, a, b)).map((r) => r.id);
            const seen: Rec[] = [];
            let cursor: string | null = null;
            let page = 0;
            do {
              const response = await app.call('POST', '/api/v1/gadgets/query', {
                as: admin.cookie,
                body: { sort: spec, limit, ...(cursor ? { cursor } : {}) },
              });
              expect(response.status, response.body).toBe(200);
              const body = response.json<{ data: Rec[]; nextCursor: string | null }>();
              expect(body.data.length).toBeLessThanOrEqual(limit);
              seen.push(...body.data);
              cursor = body.nextCursor;
              const added = inserts[page++] ?? [];
              if (added.length) {
                const created = await app.call('POST', '/api/v1/gadgets/bulk', {
                  as: admin.cookie,
                  body: { create: added },
                });
                expect(created.status).toBe(200);
                current.push(...created.json<{ created: Rec[] }>().created);
              }
            } while (cursor);
            const ids = seen.map((r) => r.id);
            expect(new Set(ids).size).toBe(ids.length);
            expect(ids.filter((id) => expected.includes(id))).toEqual(expected);
            // Whatever was seen, new records included, came in the order of the sort.
            for (let i = 1; i < seen.length; i++)
              expect(compareRecords(sort, seen[i - 1], seen[i]), spec).toBeLessThan(0);
          },
        ),
        { numRuns: 20 },
      );
    });

    it('refuses to sort by a tags field', async () => {
      const response = await app.call('POST', '/api/v1/accounts/query', {
        as: admin.cookie,
        body: { sort: '-tags' },
      });
      expect(response.status).toBe(400);
      expect(response.json<{ errors: { path: string }[] }>().errors[0].path).toBe('sort');
    });

    it('pages accounts by -createdAt and -employees while accounts are added', async () => {
      const rows = Array.from({ length: 12 }, (_, i) => ({
        name: `Keyset ${i}`,
        employees: i % 3 ? i : null,
      }));
      const created = await app.call('POST', '/api/v1/accounts/bulk', {
        as: admin.cookie,
        body: { create: rows },
      });
      expect(created.status).toBe(200);
      const expected = created.json<{ created: Rec[] }>().created.map((r) => r.id);
      for (const sort of ['-createdAt', '-employees', 'employees,-createdAt']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const response = await app.call(
            'GET',
            `/api/v1/accounts?limit=5&sort=${sort}&filter[name][startsWith]=keyset${cursor ? `&cursor=${cursor}` : ''}`,
            { as: admin.cookie },
          );
          expect(response.status, response.body).toBe(200);
          const body = response.json<{ data: Rec[]; nextCursor: string | null }>();
          seen.push(...body.data.map((r) => r.id));
          cursor = body.nextCursor;
          await app.call('POST', '/api/v1/accounts', {
            as: admin.cookie,
            body: { name: 'Keyset late', employees: 5 },
          });
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.filter((id) => expected.includes(id)).sort()).toEqual([...expected].sort());
      }
    });
  });
});
