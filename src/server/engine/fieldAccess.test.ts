import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

/**
 * Field-level access: every role × every level of one field, as a session and as an API key, over
 * every way a field is read or written. Oracle: a hidden field does not exist for that role; a
 * read-only one is read but never written; edit is the default; admins see and change everything.
 */

type Role = 'manager' | 'rep' | 'viewer';
type Level = 'hidden' | 'read' | 'edit';
interface Principal {
  label: string;
  role: Role | 'admin';
  as: string;
}

let app: TestApp;
let admin: string;
const principals: Principal[] = [];
let accountId: string;

async function call(method: string, url: string, as: string, body?: unknown) {
  return app.call(method, url, { as, body });
}

async function setAccess(field: string, access: Partial<Record<Role, Level>>) {
  const response = await call('PATCH', `/api/v1/metadata/objects/accounts/fields/${field}`, admin, {
    access,
  });
  if (response.status !== 200) throw new Error(`${response.status} ${response.body}`);
}

beforeAll(async () => {
  app = await createTestApp();
  admin = (await app.signup()).cookie;
  principals.push({ label: 'admin session', role: 'admin', as: admin });
  for (const role of ['manager', 'rep', 'viewer'] as const) {
    const user = await app.addUser(admin, role);
    principals.push({ label: `${role} session`, role, as: user.cookie });
    const key = await call('POST', '/api/v1/api-keys', user.cookie, { name: `${role} key`, role });
    principals.push({ label: `${role} API key`, role, as: key.json<{ token: string }>().token });
  }
  const created = await call('POST', '/api/v1/accounts', admin, {
    name: 'Acme',
    annualRevenue: '1200000.00',
    employees: 40,
  });
  accountId = created.json<{ id: string }>().id;
  await call('PATCH', `/api/v1/accounts/${accountId}`, admin, { annualRevenue: '1500000.00' });
  await call('POST', '/api/v1/contacts', admin, { lastName: 'Avery', accountId });
});
afterAll(() => app?.close());

const levels: Level[] = ['hidden', 'read', 'edit'];

describe.each(levels)('annualRevenue %s for reps', (level) => {
  beforeAll(() => setAccess('annualRevenue', { rep: level }));

  it.each(['admin session', 'manager session', 'rep session', 'rep API key', 'viewer session'])(
    'as %s: record, list, filter, sort, aggregate, export, history, metadata and relation filters',
    async (label) => {
      const p = principals.find((x) => x.label === label)!;
      const sees = p.role !== 'rep' || level !== 'hidden';
      const record = (await call('GET', `/api/v1/accounts/${accountId}`, p.as)).json();
      expect('annualRevenue' in record).toBe(sees);
      const list = (await call('GET', '/api/v1/accounts', p.as)).json<{ data: Record<string, unknown>[] }>();
      expect('annualRevenue' in list.data[0]).toBe(sees);

      const unknown = { status: 400 };
      const filter = await call('GET', '/api/v1/accounts?filter[annualRevenue][gt]=1', p.as);
      expect(filter.status).toBe(sees ? 200 : unknown.status);
      const sort = await call('GET', '/api/v1/accounts?sort=-annualRevenue', p.as);
      expect(sort.status).toBe(sees ? 200 : 400);
      const sum = await call('POST', '/api/v1/accounts/aggregate', p.as, {
        filter: { field: 'id', op: 'eq', value: accountId },
        measures: [{ fn: 'sum', field: 'annualRevenue' }],
      });
      expect(sum.status).toBe(sees ? 200 : 400);
      if (sees) expect(sum.json<{ data: { values: unknown[] }[] }>().data[0].values).toEqual(['1500000.00']);
      else
        expect(sum.json().errors).toEqual([
          { path: 'measures.0.field', message: 'unknown field "annualRevenue"' },
        ]);
      const grouped = await call('POST', '/api/v1/accounts/aggregate', p.as, {
        groupBy: ['annualRevenue'],
        measures: [{ fn: 'count' }],
      });
      expect(grouped.status).toBe(sees ? 200 : 400);
      if (!sees)
        expect(grouped.json().errors).toEqual([
          { path: 'groupBy.0', message: 'unknown field "annualRevenue"' },
        ]);
      const related = await call('GET', '/api/v1/contacts?filter[accountId.annualRevenue][gt]=1', p.as);
      expect(related.status).toBe(sees ? 200 : 400);

      const csv = (await call('GET', '/api/v1/accounts/export?format=csv', p.as)).body;
      expect(csv.split('\n')[0].includes('Annual revenue')).toBe(sees);
      expect(csv.includes('1500000')).toBe(sees);

      const history = (await call('GET', `/api/v1/accounts/${accountId}/history`, p.as)).json<{
        data: { changes: { field: string }[] }[];
      }>();
      const changed = history.data.flatMap((h) => h.changes.map((c) => c.field));
      expect(changed.includes('annualRevenue')).toBe(sees);
      // The update that changed only the revenue is not shown at all to whom the revenue is hidden.
      expect(history.data.length).toBe(sees ? 2 : 1);

      const meta = (await call('GET', '/api/v1/metadata/objects', p.as)).json<{
        data: { name: string; fields: { name: string; readOnly: boolean }[] }[];
      }>();
      const field = meta.data
        .find((o) => o.name === 'accounts')!
        .fields.find((f) => f.name === 'annualRevenue');
      expect(field ? field.readOnly : 'absent').toBe(!sees ? 'absent' : p.role === 'rep' && level === 'read');
    },
  );

  it.each(['admin session', 'manager session', 'rep session', 'rep API key'])(
    'as %s: writes the field only where it may edit it, and keeps it when writing others',
    async (label) => {
      const p = principals.find((x) => x.label === label)!;
      const restricted = p.role === 'rep' && level !== 'edit';
      const { id } = (
        await call('POST', '/api/v1/accounts', admin, { name: `W ${label}`, annualRevenue: '10.00' })
      ).json<{
        id: string;
      }>();
      const patch = await call('PATCH', `/api/v1/accounts/${id}`, p.as, { annualRevenue: '20.00' });
      expect(patch.status).toBe(restricted ? 400 : 200);
      if (restricted)
        expect(patch.json().errors).toEqual([
          { path: 'annualRevenue', message: level === 'read' ? 'is read-only' : 'unknown field' },
        ]);
      const bulk = await call('POST', '/api/v1/accounts/bulk', p.as, {
        create: [{ name: 'B', annualRevenue: '5.00' }],
        update: [{ id, employees: 7 }],
      });
      expect(bulk.status).toBe(restricted ? 400 : 200);
      if (restricted)
        expect(bulk.json().errors).toEqual([{ path: 'create.0.annualRevenue', message: expect.any(String) }]);
      // Writing another field keeps the one the writer cannot see or change.
      const other = await call('PATCH', `/api/v1/accounts/${id}`, p.as, { employees: 9 });
      expect(other.status).toBe(200);
      expect('annualRevenue' in other.json()).toBe(!(p.role === 'rep' && level === 'hidden'));
      const stored = (await call('GET', `/api/v1/accounts/${id}`, admin)).json();
      expect(stored.annualRevenue).toBe(restricted ? '10.00' : '20.00');
      expect(stored.employees).toBe(9);
    },
  );
});

describe('search by a role from whom a searchable field is hidden', () => {
  it('finds nothing by the hidden field, and still finds by what the role sees', async () => {
    await call('POST', '/api/v1/contacts', admin, { lastName: 'Quillfeather', phone: '+1 415 555 0199' });
    const hide = await call('PATCH', '/api/v1/metadata/objects/contacts/fields/phone', admin, {
      access: { rep: 'hidden' },
    });
    expect(hide.status).toBe(200);
    const rep = principals.find((x) => x.label === 'rep session')!;
    const manager = principals.find((x) => x.label === 'manager session')!;
    const found = async (as: string, q: string) => {
      const global = (await call('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, as)).json<{
        data: { title: string }[];
      }>();
      const list = (await call('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`, as)).json<{
        data: { lastName: string }[];
      }>();
      return [global.data.map((h) => h.title), list.data.map((c) => c.lastName)];
    };
    expect(await found(manager.as, '415 555 0199')).toEqual([['Quillfeather'], ['Quillfeather']]);
    expect(await found(rep.as, '415 555 0199')).toEqual([[], []]);
    expect(await found(rep.as, 'quillfeather')).toEqual([['Quillfeather'], ['Quillfeather']]);
    expect(await found(rep.as, 'quilfeather')).toEqual([['Quillfeather'], ['Quillfeather']]);
  });
});

describe('typo-tolerant search by a role from whom a name is hidden', () => {
  it('finds nothing by the hidden name, exact or misspelt, and the others find it both ways', async () => {
    await call('POST', '/api/v1/contacts', admin, { firstName: 'Ambrosine', lastName: 'Pettigrew' });
    const hide = await call('PATCH', '/api/v1/metadata/objects/contacts/fields/firstName', admin, {
      access: { viewer: 'hidden' },
    });
    expect(hide.status).toBe(200);
    const viewer = principals.find((x) => x.label === 'viewer session')!;
    const manager = principals.find((x) => x.label === 'manager session')!;
    const titles = async (as: string, q: string) =>
      (await call('GET', `/api/v1/search?q=${encodeURIComponent(q)}&objects=contacts`, as))
        .json<{ data: { title: string }[] }>()
        .data.map((h) => h.title);
    for (const q of ['ambrosine', 'ambrosnie', 'ambrosin pettigrew']) {
      expect(await titles(manager.as, q), q).toEqual(['Ambrosine Pettigrew']);
      expect(await titles(viewer.as, q), q).toEqual(q.includes('pettigrew') ? ['Ambrosine Pettigrew'] : []);
    }
    expect(await titles(viewer.as, 'petigrew')).toEqual(['Ambrosine Pettigrew']);
  });
});

describe('what an admin may set', () => {
  it('refuses to restrict a required field, a system field, or admins', async () => {
    const required = await call('PATCH', '/api/v1/metadata/objects/accounts/fields/name', admin, {
      access: { rep: 'hidden' },
    });
    expect(required.status).toBe(400);
    expect(required.json<{ errors: { path: string }[] }>().errors[0].path).toBe('access.rep');
    const system = await call('PATCH', '/api/v1/metadata/objects/accounts/fields/createdAt', admin, {
      access: { rep: 'hidden' },
    });
    expect(system.status).toBe(400);
    const admins = await call('PATCH', '/api/v1/metadata/objects/accounts/fields/industry', admin, {
      access: { admin: 'hidden' },
    });
    expect(admins.status).toBe(400);
    const rep = principals.find((x) => x.role === 'rep')!;
    const notAdmin = await call('PATCH', '/api/v1/metadata/objects/accounts/fields/industry', rep.as, {
      access: { rep: 'edit' },
    });
    expect(notAdmin.status).toBe(403);
  });

  it('hides a formula computed from a hidden field', async () => {
    await setAccess('annualRevenue', { rep: 'hidden' });
    const created = await call('POST', '/api/v1/metadata/objects/accounts/fields', admin, {
      name: 'revenueBand',
      label: 'Revenue band',
      type: 'formula',
      expression: 'if(annualRevenue > 1000000, "large", "small")',
    });
    expect(created.status).toBe(201);
    const rep = principals.find((x) => x.label === 'rep session')!;
    const manager = principals.find((x) => x.label === 'manager session')!;
    expect('revenueBand' in (await call('GET', `/api/v1/accounts/${accountId}`, rep.as)).json()).toBe(false);
    expect((await call('GET', `/api/v1/accounts/${accountId}`, manager.as)).json().revenueBand).toBe('large');
  });

  it('edits the options of a built-in select field', async () => {
    const changed = await call('PATCH', '/api/v1/metadata/objects/accounts/fields/industry', admin, {
      options: [
        { value: 'Retail', label: 'Retail' },
        { value: 'Space', label: 'Space travel' },
      ],
    });
    expect(changed.status).toBe(200);
    expect((await call('POST', '/api/v1/accounts', admin, { name: 'Orbit', industry: 'Space' })).status).toBe(
      201,
    );
    const old = await call('POST', '/api/v1/accounts', admin, { name: 'Farm', industry: 'Agriculture' });
    expect(old.status).toBe(400);
    expect(old.json<{ errors: { path: string }[] }>().errors[0].path).toBe('industry');
    const relabel = await call('PATCH', '/api/v1/metadata/objects/accounts/fields/industry', admin, {
      label: 'Sector',
    });
    expect(relabel.status).toBe(400);
    expect(relabel.json().errors).toEqual([
      { path: 'label', message: 'can only be changed on custom fields' },
    ]);
  });
});
