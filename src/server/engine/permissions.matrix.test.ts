import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type TestApp, type TestResponse } from '../testing';

/**
 * Every role (as a session and as an API key) × every object × every visibility setting × every
 * record action, over records owned across two teams, and a record of a second workspace.
 *
 * Rules: admins see everything; 'workspace' visibility shows all; 'team' shows records owned by
 * the caller's team and the caller's own; 'owner' shows reps and viewers their own, managers their
 * team's; a record without an owner is seen by admins only (except with 'workspace' visibility), and
 * only an admin may clear an owner; viewers cannot write (403); another workspace's record is always
 * a 404; a refused request writes nothing. An API key acts with the lower of its role and its
 * owner's current role.
 */

type Role = 'admin' | 'manager' | 'rep' | 'viewer';
type Visibility = 'owner' | 'team' | 'workspace';
interface User {
  name: string;
  role: Role;
  team: string | null;
  userId: string;
  cookie: string;
}
interface Principal {
  label: string;
  user: User;
  as: string;
}
interface Rec {
  id: string;
  ownerId: string | null;
  version: number;
}

const objects = ['accounts', 'contacts', 'projects'] as const;
type ObjectName = (typeof objects)[number];
const visibilities: Visibility[] = ['owner', 'team', 'workspace'];
/** Each object's current visibility (every object starts workspace-visible). */
const visibilityOf = new Map<ObjectName, Visibility>(objects.map((o) => [o, 'workspace']));

let app: TestApp;
const users: Record<string, User> = {};
const principals: Principal[] = [];
let other: { cookie: string };
/** Per object: the first workspace's records (by owner) and the other workspace's one. */
const records = new Map<ObjectName, Rec[]>();
const foreign = new Map<ObjectName, Rec>();

const body = (object: ObjectName, n: string) =>
  object === 'contacts' ? { firstName: 'Pat', lastName: `Matrix ${n}` } : { name: `Matrix ${n}` };
/** A harmless change per object, so that updates are real changes. */
const change = (object: ObjectName, n: number) =>
  object === 'accounts' ? { employees: n } : object === 'contacts' ? { title: `T${n}` } : { code: `C${n}` };

async function ok(response: TestResponse, status: number) {
  expect(response.status, response.body).toBe(status);
  return response;
}

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.signup('Matrix One');
  users.admin = { name: 'admin', role: 'admin', team: null, ...admin };
  const team = async (name: string) =>
    (await ok(await app.call('POST', '/api/v1/teams', { as: admin.cookie, body: { name } }), 201)).json<{
      id: string;
    }>().id;
  const t1 = await team('Team One');
  const t2 = await team('Team Two');
  for (const [name, role, teamId] of [
    ['m1', 'manager', t1],
    ['r1', 'rep', t1],
    ['v1', 'viewer', t1],
    ['r2', 'rep', t2],
    ['m2', 'manager', t2],
  ] as const) {
    users[name] = { name, role, team: teamId, ...(await app.addUser(admin.cookie, role, teamId)) };
  }
  for (const name of ['admin', 'm1', 'r1', 'v1']) {
    const user = users[name];
    principals.push({ label: `${user.role} session`, user, as: user.cookie });
    const key = await ok(
      await app.call('POST', '/api/v1/api-keys', {
        as: user.cookie,
        body: { name: `${name} key`, role: user.role },
      }),
      201,
    );
    principals.push({ label: `${user.role} API key`, user, as: key.json<{ token: string }>().token });
  }
  await ok(
    await app.call('POST', '/api/v1/metadata/objects', {
      as: admin.cookie,
      body: {
        name: 'projects',
        label: 'Project',
        labelPlural: 'Projects',
        fields: [{ name: 'code', label: 'Code', type: 'text' }],
      },
    }),
    201,
  );
  other = await app.signup('Matrix Two');
  await ok(
    await app.call('POST', '/api/v1/metadata/objects', {
      as: other.cookie,
      body: { name: 'projects', label: 'Project', labelPlural: 'Projects', fields: [] },
    }),
    201,
  );

  const owners = ['admin', 'm1', 'r1', 'v1', 'r2', 'm2', null];
  for (const object of objects) {
    const created = await ok(
      await app.call('POST', `/api/v1/${object}/bulk`, {
        as: admin.cookie,
        body: {
          create: owners.map((o, i) => ({
            ...body(object, String(i)),
            ownerId: o ? users[o].userId : undefined,
            // Every contact's primary account is the unowned account (which only admins see).
            ...(object === 'contacts' ? { accountId: (records.get('accounts') as Rec[])[6].id } : {}),
          })),
        },
      }),
      200,
    );
    const list = created.json<{ created: Rec[] }>().created;
    // The unowned record: created owned (the default owner is the creator), then released.
    const released = await ok(
      await app.call('PATCH', `/api/v1/${object}/${list[6].id}`, {
        as: admin.cookie,
        body: { ownerId: null },
      }),
      200,
    );
    list[6] = released.json<Rec>();
    expect(list.map((r) => r.ownerId)).toEqual(owners.map((o) => (o ? users[o].userId : null)));
    records.set(object, list);
    if (object === 'contacts') {
      // The unowned contact also relates to every other account, with a role.
      for (const account of (records.get('accounts') as Rec[]).slice(0, 6))
        await ok(
          await app.call('POST', `/api/v1/contacts/${list[6].id}/accounts`, {
            as: admin.cookie,
            body: { accountId: account.id, role: 'Advisor' },
          }),
          201,
        );
    }
    const theirs = await ok(
      await app.call('POST', `/api/v1/${object}`, { as: other.cookie, body: body(object, 'foreign') }),
      201,
    );
    foreign.set(object, theirs.json<Rec>());
  }
});
afterAll(() => app.close());

function teamOf(userId: string | null): string | null {
  return Object.values(users).find((u) => u.userId === userId)?.team ?? null;
}

function visible(p: Principal, record: Rec, visibility: Visibility): boolean {
  const { user } = p;
  if (user.role === 'admin' || visibility === 'workspace') return true;
  if (record.ownerId === null) return false;
  if (record.ownerId === user.userId) return true;
  const teamWide = visibility === 'team' || user.role === 'manager';
  return teamWide && user.team !== null && teamOf(record.ownerId) === user.team;
}

const sorted = (ids: string[]) => [...ids].sort();

/** The versions of every record of the object, seen by the admin: a refused request must not move one. */
async function versions(object: ObjectName): Promise<Record<string, number>> {
  const list = await app.call('GET', `/api/v1/${object}?limit=500&fields=id,version`, {
    as: users.admin.cookie,
  });
  return Object.fromEntries(list.json<{ data: Rec[] }>().data.map((r) => [r.id, r.version]));
}

async function historyLength(object: ObjectName, id: string, as = users.admin.cookie) {
  return (await app.call('GET', `/api/v1/${object}/${id}/history`, { as })).json<{ data: unknown[] }>().data
    .length;
}

async function setVisibility(object: ObjectName, visibility: Visibility) {
  await ok(
    await app.call('PATCH', `/api/v1/metadata/objects/${object}`, {
      as: users.admin.cookie,
      body: { visibility },
    }),
    200,
  );
  visibilityOf.set(object, visibility);
}

async function checkReads(p: Principal, object: ObjectName, visibility: Visibility) {
  const mine = records.get(object) as Rec[];
  const expected = sorted(mine.filter((r) => visible(p, r, visibility)).map((r) => r.id));
  const what = `${p.label} ${object} ${visibility}`;

  const list = await ok(await app.call('GET', `/api/v1/${object}?limit=500&q=matrix`, { as: p.as }), 200);
  expect(sorted(list.json<{ data: Rec[] }>().data.map((r) => r.id)), `list: ${what}`).toEqual(expected);

  const query = await ok(
    await app.call('POST', `/api/v1/${object}/query`, { as: p.as, body: { limit: 500, count: true } }),
    200,
  );
  expect(query.json<{ total: number }>().total, `count: ${what}`).toBe(expected.length);

  const search = await ok(
    await app.call('GET', `/api/v1/search?q=matrix&objects=${object}&limit=100`, { as: p.as }),
    200,
  );
  expect(sorted(search.json<{ data: { id: string }[] }>().data.map((h) => h.id)), `search: ${what}`).toEqual(
    expected,
  );

  const csv = await ok(await app.call('GET', `/api/v1/${object}/export?format=csv`, { as: p.as }), 200);
  const exported = csv.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]);
  expect(sorted(exported), `export: ${what}`).toEqual(expected);

  // Related lists leak nothing either: an account's people, a contact's accounts. Their hub is the
  // unowned record of the other object, which non-admins see only when that object is workspace-visible.
  const [hubObject, related]: ObjectName[] =
    object === 'contacts' ? ['accounts', 'contacts'] : ['contacts', 'accounts'];
  const hubSeen = visible(
    p,
    { id: '', ownerId: null, version: 0 },
    visibilityOf.get(hubObject) as Visibility,
  );
  if (object !== 'projects' && !hubSeen) {
    const hub = (records.get(hubObject) as Rec[])[6].id;
    const refused = await app.call('GET', `/api/v1/${hubObject}/${hub}/${related}`, { as: p.as });
    expect(refused.status, `related list of an unseen record: ${what}`).toBe(404);
  } else if (object === 'contacts') {
    const hub = (records.get('accounts') as Rec[])[6].id;
    const people = await ok(await app.call('GET', `/api/v1/accounts/${hub}/contacts`, { as: p.as }), 200);
    expect(
      sorted(people.json<{ data: { contactId: string }[] }>().data.map((c) => c.contactId)),
      `people: ${what}`,
    ).toEqual(expected);
    const included = await ok(
      await app.call('GET', `/api/v1/accounts/${hub}?include=contacts`, { as: p.as }),
      200,
    );
    expect(
      sorted(included.json<{ contacts: { contactId: string }[] }>().contacts.map((c) => c.contactId)),
    ).toEqual(expected);
  } else if (object === 'accounts') {
    const hub = (records.get('contacts') as Rec[])[6].id;
    const related = await ok(await app.call('GET', `/api/v1/contacts/${hub}/accounts`, { as: p.as }), 200);
    expect(
      sorted(related.json<{ data: { accountId: string }[] }>().data.map((a) => a.accountId)),
      `accounts of a contact: ${what}`,
    ).toEqual(expected);
  }

  for (const record of [...mine, foreign.get(object) as Rec]) {
    const seen = mine.includes(record) && visible(p, record, visibility);
    const get = await app.call('GET', `/api/v1/${object}/${record.id}`, { as: p.as });
    expect(get.status, `get ${record.id}: ${what}`).toBe(seen ? 200 : 404);
    const history = await app.call('GET', `/api/v1/${object}/${record.id}/history`, { as: p.as });
    expect(history.status, `history: ${what}`).toBe(seen ? 200 : 404);
    if (!seen) expect(history.body).not.toContain(record.ownerId ?? 'no owner');
  }
}

async function checkWrites(p: Principal, object: ObjectName, visibility: Visibility) {
  const mine = records.get(object) as Rec[];
  const what = `${p.label} ${object} ${visibility}`;
  const writer = p.user.role !== 'viewer';
  const before = await versions(object);
  const foreignRecord = foreign.get(object) as Rec;
  let n = 0;
  let restoreChecked = false;

  // create
  const created = await app.call('POST', `/api/v1/${object}`, { as: p.as, body: body(object, 'new') });
  expect(created.status, `create: ${what}`).toBe(writer ? 201 : 403);
  if (writer) {
    expect(created.json<Rec>().ownerId).toBe(p.user.userId);
    await ok(
      await app.call('DELETE', `/api/v1/${object}/${created.json<Rec>().id}`, { as: users.admin.cookie }),
      204,
    );
  }

  for (const record of [...mine, foreignRecord]) {
    const seen = mine.includes(record) && visible(p, record, visibility);
    // A viewer learns nothing about records it cannot see: 404 for them, 403 only for visible ones.
    const refusal = seen ? 403 : 404;
    const patch = await app.call('PATCH', `/api/v1/${object}/${record.id}`, {
      as: p.as,
      body: change(object, ++n),
    });
    expect(patch.status, `update ${mine.indexOf(record)}: ${what}`).toBe(seen && writer ? 200 : refusal);
    if (patch.status === 200) record.version = patch.json<Rec>().version;

    const del = await app.call('DELETE', `/api/v1/${object}/${record.id}`, { as: p.as });
    expect(del.status, `delete: ${what}`).toBe(seen && writer ? 204 : refusal);
    if (del.status === 204) {
      const restored = await app.call('POST', `/api/v1/${object}/${record.id}/restore`, { as: p.as });
      expect(restored.status, `restore: ${what}`).toBe(200);
      record.version = restored.json<Rec>().version;
    } else if (mine.includes(record) && !restoreChecked) {
      restoreChecked = true;
      // Restoring a binned record the caller cannot see (or may not touch) is refused too.
      await ok(await app.call('DELETE', `/api/v1/${object}/${record.id}`, { as: users.admin.cookie }), 204);
      const restore = await app.call('POST', `/api/v1/${object}/${record.id}/restore`, { as: p.as });
      expect(restore.status, `restore: ${what}`).toBe(seen ? 403 : 404);
      const back = await ok(
        await app.call('POST', `/api/v1/${object}/${record.id}/restore`, { as: users.admin.cookie }),
        200,
      );
      record.version = back.json<Rec>().version;
    }
  }

  // Clearing the owner is an owner value like any other: only an admin may leave a record ownerless.
  const ownedAndSeen = mine.find((r) => r.ownerId !== null && visible(p, r, visibility));
  if (writer && p.user.role !== 'admin' && ownedAndSeen) {
    const cleared = await app.call('PATCH', `/api/v1/${object}/${ownedAndSeen.id}`, {
      as: p.as,
      body: { ownerId: null },
    });
    expect(cleared.status, `clear owner: ${what}`).toBe(400);
    expect(cleared.json<{ errors: { path: string }[] }>().errors).toEqual([
      { path: 'ownerId', message: 'only an admin can leave a record without an owner' },
    ]);
  }

  // bulk: all visible records at once; then one invisible among them, which refuses the lot.
  const visibleRecords = mine.filter((r) => visible(p, r, visibility));
  // One hidden record of this workspace (when there is one) and the other workspace's.
  const hidden = [...mine.filter((r) => !visible(p, r, visibility)).slice(0, 1), foreignRecord];
  const bulk = await app.call('POST', `/api/v1/${object}/bulk`, {
    as: p.as,
    body: { update: visibleRecords.map((r) => ({ id: r.id, ...change(object, ++n) })) },
  });
  expect(bulk.status, `bulk: ${what}`).toBe(writer ? 200 : 403);
  if (writer)
    for (const r of bulk.json<{ updated: Rec[] }>().updated)
      mine.find((m) => m.id === r.id)!.version = r.version;
  for (const target of hidden) {
    const mixed = await app.call('POST', `/api/v1/${object}/bulk`, {
      as: p.as,
      body: {
        update: [
          { id: visibleRecords[0].id, ...change(object, ++n) },
          { id: target.id, ...change(object, ++n) },
        ],
      },
    });
    expect(mixed.status, `bulk with a hidden record: ${what}`).toBe(writer ? 400 : 403);
    if (writer)
      expect(mixed.json<{ errors: { path: string }[] }>().errors).toEqual([
        { path: 'update.1.id', message: `no record with id ${target.id}` },
      ]);
    const binHidden = await app.call('POST', `/api/v1/${object}/bulk`, {
      as: p.as,
      body: { delete: [target.id] },
    });
    expect(binHidden.status, `bulk delete of a hidden record: ${what}`).toBe(writer ? 400 : 403);
  }

  // Nothing else moved: every version is the one the successful calls answered.
  const after = await versions(object);
  for (const r of mine) expect(after[r.id], `version of ${mine.indexOf(r)} after ${what}`).toBe(r.version);
  expect(Object.keys(after).length).toBe(Object.keys(before).length);
  const theirs = await app.call('GET', `/api/v1/${object}/${foreignRecord.id}`, { as: other.cookie });
  expect(theirs.json<Rec>().version).toBe(foreignRecord.version);
}

describe.each(visibilities)('with %s visibility', (visibility) => {
  describe.each(objects)('%s', (object) => {
    beforeAll(() => setVisibility(object, visibility));

    it('shows each role exactly the records the rules allow, in lists, gets, search, history and export', async () => {
      for (const p of principals) await checkReads(p, object, visibility);
    });

    it('lets each role write only what it may, and a refused request writes nothing', async () => {
      for (const p of principals) await checkWrites(p, object, visibility);
    });
  });
});

describe('after the whole matrix', () => {
  it('has exactly one history entry per change of every record', async () => {
    for (const object of objects)
      for (const record of records.get(object) as Rec[])
        expect(await historyLength(object, record.id), `${object} history`).toBe(record.version);
  });

  it('lets only admins change visibility, and the other workspace never sees ours', async () => {
    for (const p of principals.filter((x) => x.user.role !== 'admin')) {
      const refused = await app.call('PATCH', '/api/v1/metadata/objects/accounts', {
        as: p.as,
        body: { visibility: 'workspace' },
      });
      expect(refused.status).toBe(403);
    }
    const list = await app.call('GET', '/api/v1/accounts?limit=500', { as: other.cookie });
    expect(list.json<{ data: Rec[] }>().data.map((r) => r.id)).toEqual([foreign.get('accounts')?.id]);
    const search = await app.call('GET', '/api/v1/search?q=matrix', { as: other.cookie });
    expect(sorted(search.json<{ data: { id: string }[] }>().data.map((h) => h.id))).toEqual(
      sorted(objects.map((o) => (foreign.get(o) as Rec).id)),
    );
  });
});

describe('API keys after their owner changes role', () => {
  const keyOf = (name: string) => principals.find((p) => p.user === users[name] && p.as.startsWith('rk_'))!;
  const setRole = async (name: string, role: Role) => {
    await ok(
      await app.call('POST', '/api/v1/auth/reauthenticate', {
        as: users.admin.cookie,
        body: { password: testPassword },
      }),
      204,
    );
    await ok(
      await app.call('PATCH', `/api/v1/users/${users[name].userId}`, {
        as: users.admin.cookie,
        body: { role },
      }),
      200,
    );
    users[name].role = role;
  };
  afterAll(async () => {
    await setRole('m1', 'manager');
    await setRole('r1', 'rep');
  });

  it('act with the lower of the two at once: a demoted manager key reads and writes as a viewer', async () => {
    await setVisibility('accounts', 'owner');
    await setRole('m1', 'viewer');
    const key = keyOf('m1');
    // As a manager the key saw its team's accounts; as a viewer it sees its owner's own only.
    await checkReads(key, 'accounts', 'owner');
    const created = await app.call('POST', '/api/v1/accounts', {
      as: key.as,
      body: body('accounts', 'late'),
    });
    expect(created.status).toBe(403);
  });

  it('never rise above the key own role: a rep key of a user made admin stays a rep', async () => {
    await setRole('r1', 'admin');
    const key = keyOf('r1');
    const asRep: Principal = { ...key, user: { ...users.r1, role: 'rep' } };
    await checkReads(asRep, 'accounts', 'owner');
    const teams = await app.call('POST', '/api/v1/teams', { as: key.as, body: { name: 'Key team' } });
    expect(teams.status).toBe(403);
  });
});
