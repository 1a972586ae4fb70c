import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { industries, lifecycleStages } from '../../modules/accounts/contract';
import { preferredChannels } from '../../modules/contacts/contract';
import { setUpBadInput, app, admin, refused, paths, createAccount, type Problem } from './badInput.setup';

setUpBadInput();

/** Text comes back byte for byte, lengths are enforced, and random bodies never answer 500. */

const samples = [
  "'; DROP TABLE accounts; --",
  '%\' OR 1=1 -- _ \\ " `',
  '<script>alert("x")</script><img src=x onerror=alert(1)>',
  '👩‍👩‍👧‍👦 🚀 e\u0301 \u200B',
  '\u202Eevil.exe\u202C שלום עולם مرحبا',
  '  leading and trailing  \t\n line two',
];
/** The longest prefix of whole code points within `max` UTF-16 units (zod counts those). */
const upTo = (s: string, max: number) => {
  let out = '';
  for (const c of s)
    if (out.length + c.length <= max) out += c;
    else break;
  return out;
};

describe('text is stored and returned byte for byte', () => {
  const long = 'Ω'.repeat(5000) + '🚀'.repeat(2500);

  it('in every text field of accounts', async () => {
    for (const s of samples) {
      const body = {
        name: s,
        description: s + long,
        sicCode: upTo(s, 10),
        billingAddress: { street: s, city: s, region: s, postalCode: upTo(s, 40), country: s },
        shippingAddress: { street: s },
        tags: [s.trim(), 'ok'],
      };
      const created = await app.call('POST', '/api/v1/accounts', { as: admin.cookie, body });
      expect(created.status, created.body).toBe(201);
      const got = await app.call('GET', `/api/v1/accounts/${created.json<{ id: string }>().id}`, {
        as: admin.cookie,
      });
      const record = got.json<Record<string, unknown>>();
      for (const [field, value] of Object.entries(body)) expect(record[field], field).toEqual(value);
      expect(Buffer.from(record.description as string).equals(Buffer.from(body.description))).toBe(true);
    }
  });

  it('in every text field of contacts', async () => {
    for (const s of samples) {
      const body = { firstName: s, lastName: s, title: s, notes: s + long };
      const created = await app.call('POST', '/api/v1/contacts', { as: admin.cookie, body });
      expect(created.status, created.body).toBe(201);
      const id = created.json<{ id: string }>().id;
      const record = (await app.call('GET', `/api/v1/contacts/${id}`, { as: admin.cookie })).json<
        Record<string, unknown>
      >();
      for (const [field, value] of Object.entries(body)) expect(record[field], field).toBe(value);
      const listed = await app.call('POST', '/api/v1/contacts/query', {
        as: admin.cookie,
        body: { filter: { field: 'lastName', op: 'eq', value: s }, fields: ['lastName'] },
      });
      expect(listed.json<{ data: { id: string; lastName: string }[] }>().data).toEqual([{ id, lastName: s }]);
    }
  });

  it('refuses text over a field’s length with 400 naming it, and takes 10,000 characters where allowed', async () => {
    const [p] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: 'x'.repeat(10_000) } }),
    );
    expect(paths(p)).toEqual(['name']);
    const tenThousand = 'é'.repeat(10_000);
    const created = await createAccount({ description: tenThousand });
    expect(created.description).toBe(tenThousand);
    // PostgreSQL cannot store NUL: refused by field, not as a database error.
    const [nul] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts', {
        as: admin.cookie,
        body: { name: 'nul\u0000byte', tags: ['ok', 'a\u0000'], billingAddress: { city: '\u0000' } },
      }),
    );
    expect(nul.errors).toEqual([
      { path: 'name', message: 'cannot contain the NUL character' },
      { path: 'billingAddress.city', message: 'cannot contain the NUL character' },
      { path: 'tags.1', message: 'cannot contain the NUL character' },
    ]);
    const [blank] = await refused(400, () =>
      app.call('POST', '/api/v1/accounts', { as: admin.cookie, body: { name: '   ' } }),
    );
    expect(blank.errors).toEqual([{ path: 'name', message: 'is required' }]);
  });
});

describe('random record bodies', () => {
  const weird = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom<unknown>(
      '0000-01-01',
      '2026-02-29',
      '2024-02-29',
      '9999-12-31',
      '+1 (415) 555-0100',
      '1e400',
      '-0',
      'NaN',
      '\u0000',
      'ACME.com',
      'https://x',
      '00000000-0000-7000-8000-000000000000',
      '999999999999999.9999',
      '1234567890123456',
    ),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('street', 'city', 'country', 'zip'), fc.string({ maxLength: 5 }), {
      maxKeys: 3,
    }),
  );
  const accountFields = [
    'name',
    'domain',
    'website',
    'industry',
    'sicCode',
    'employees',
    'annualRevenue',
    'currency',
    'phone',
    'billingAddress',
    'parentAccountId',
    'lifecycleStage',
    'tags',
    'description',
    'ownerId',
  ];
  const contactFields = [
    'firstName',
    'lastName',
    'title',
    'email',
    'emails',
    'phone',
    'phones',
    'accountId',
    'birthday',
    'preferredChannel',
    'lifecycleStage',
    'notes',
    'ownerId',
  ];

  /** Well-shaped bodies: every field of its type, within its limits, holding hostile text. */
  const hostile = fc
    .oneof(fc.constantFrom(...samples), fc.string({ maxLength: 30, unit: 'grapheme' }))
    .filter((t) => !t.includes('\u0000'));
  const nonBlank = (max: number) => hostile.map((t) => upTo(t, max)).filter((t) => t.trim() !== '');
  const phone = fc.constantFrom('+1 (415) 555-0100', '+44 20 7946 0958', '+33 1 23 45 67 89');
  const email = fc.constantFrom("o'brien+tag@Example.COM", 'a.b-c@sub.example.co.uk', 'x_y@example.org');
  const addressPart = hostile.map((t) => upTo(t, 40));
  const reference = (id: string) => fc.constantFrom(null, id);
  const wellShaped = (object: 'accounts' | 'contacts', related: string) =>
    object === 'accounts'
      ? fc.record(
          {
            name: nonBlank(300),
            domain: fc.uuid().map((u) => `xn--${u.slice(0, 8)}.example.com`),
            website: fc.constantFrom('https://example.com/a?q=<script>&x=%27', 'http://例え.jp/パス'),
            industry: fc.constantFrom(...industries),
            sicCode: hostile.map((t) => upTo(t, 10)),
            employees: fc.oneof(fc.constantFrom(0, 2147483647), fc.nat()),
            annualRevenue: fc.constantFrom('0', '0.0001', '999999999999.9999', '12500000.00'),
            currency: fc.constantFrom('EUR', 'USD', 'JPY'),
            phone,
            billingAddress: fc.record(
              { street: addressPart, city: addressPart, postalCode: addressPart, country: addressPart },
              { requiredKeys: [] },
            ),
            parentAccountId: reference(related),
            lifecycleStage: fc.constantFrom(...lifecycleStages),
            tags: fc.uniqueArray(
              nonBlank(50).map((t) => t.trim()),
              { maxLength: 3 },
            ),
            description: hostile,
            ownerId: fc.constant(null),
          },
          { requiredKeys: ['name'] },
        )
      : fc.record(
          {
            firstName: nonBlank(100),
            lastName: nonBlank(100),
            title: hostile.map((t) => upTo(t, 100)),
            email,
            emails: fc.uniqueArray(email, { maxLength: 2 }),
            phone,
            phones: fc.uniqueArray(phone, { maxLength: 2 }),
            accountId: reference(related),
            birthday: fc.constantFrom('2024-02-29', '1900-01-01', '2000-12-31'),
            preferredChannel: fc.constantFrom(...preferredChannels),
            lifecycleStage: fc.constantFrom(...lifecycleStages),
            notes: hostile,
            ownerId: fc.constant(null),
          },
          { requiredKeys: ['lastName'] },
        );

  for (const [object, fields] of [
    ['accounts', accountFields],
    ['contacts', contactFields],
  ] as const) {
    it(`answers 300 random ${object} creates and updates with 200/201 or a 400 problem, never 500; a third write`, async () => {
      const created = await app.call('POST', `/api/v1/${object}`, {
        as: admin.cookie,
        body: object === 'accounts' ? { name: 'Fuzz' } : { lastName: 'Fuzz' },
      });
      expect(created.status).toBe(201);
      const target = created.json<{ id: string }>();
      const related = (await createAccount({ name: 'Fuzz parent' })).id;
      const body = fc.oneof(
        { weight: 2, arbitrary: wellShaped(object, related) },
        {
          weight: 1,
          arbitrary: fc.dictionary(fc.constantFrom(...fields), weird, { minKeys: 1, maxKeys: 5 }),
        },
      );
      const bodies = fc.sample(body, { numRuns: 300, seed: Date.now() % 2 ** 31 });
      const answered = { written: 0, refused: 0 };
      for (const body of bodies) {
        for (const [method, url] of [
          ['POST', `/api/v1/${object}`],
          ['PATCH', `/api/v1/${object}/${target.id}`],
        ]) {
          const response = await app.call(method, url, { as: admin.cookie, body });
          const what = `${method} ${JSON.stringify(body)} -> ${response.status} ${response.body.slice(0, 200)}`;
          expect([200, 201, 400], what).toContain(response.status);
          if (response.status === 400) {
            answered.refused++;
            expect(response.headers['content-type'], what).toMatch(/^application\/problem\+json/);
            expect(response.json<Problem>().errors?.length, what).toBeGreaterThan(0);
          } else answered.written++;
        }
      }
      console.log(`${object} fuzzing: ${answered.written} written, ${answered.refused} refused of 600 calls`);
      expect(answered.written, 'calls that reached a write').toBeGreaterThanOrEqual(600 / 3);
      expect(answered.refused, 'calls refused').toBeGreaterThanOrEqual(600 / 10);
      // 600 writes: 15-40 s on a quiet 2-core machine, over 60 s while other test files share its cores.
    }, 240_000);
  }
});
