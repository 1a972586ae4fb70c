import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createFaker, fakeAccount, fakeContact } from '../src/server/seed/people';
import { dataRoot, openTarget, plain, type Target } from './database';
import { hammer, startServer, type HttpRequest, type Server } from './http';
import type { Figures } from './measure';
import { atSize, figureCheck, type Check, type Operation, type Results } from './report';
import { explain } from './plans';
import { adminObjects, searchesFrom } from './workload';

/**
 * The embedded database as a new user meets it: a fresh PGlite workspace, accounts and contacts
 * loaded through the bulk API over HTTP, then traffic over HTTP with no maintenance run by hand.
 * Targets are set for 1,000 accounts and 50,000 contacts.
 */
export interface LoadedOptions {
  accounts: number;
  contacts: number;
  seconds: number;
  /** Seconds between the end of the load and the first measurement: Rapport's own ANALYZE job runs then. */
  settleSeconds: number;
  concurrencies: number[];
  /** Measure the database an earlier run loaded, after a restart, instead of loading a fresh one. */
  reuse: boolean;
  /** Called with each measurement as it ends (the caller prints it and notes the load average). */
  record(op: Operation, c: number, figures: Figures): void;
}

export const loadedTargetSize = 50_000;
const email = 'bench-loaded@bench.rapport.test';
const chunk = 1000;
type Created = { id: string; firstName: string; lastName: string; email: string; phone: string | null };

async function bulk<T>(server: Server, object: string, create: unknown[]): Promise<T[]> {
  const res = await fetch(`${server.base}/api/v1/${object}/bulk`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ create }),
  });
  if (!res.ok) throw new Error(`bulk ${object} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return ((await res.json()) as { created: T[] }).created;
}

/** 1,000 rows per request, one request at a time, as an import would send them. */
async function load(server: Server, o: LoadedOptions) {
  const faker = createFaker(9);
  const started = performance.now();
  const accounts: { id: string; domain: string; name: string }[] = [];
  for (let done = 0; done < o.accounts; done += chunk)
    accounts.push(
      ...(await bulk<(typeof accounts)[number]>(
        server,
        'accounts',
        Array.from({ length: Math.min(chunk, o.accounts - done) }, () => fakeAccount(faker, server.userId)),
      )),
    );
  const contacts: Created[] = [];
  for (let done = 0; done < o.contacts; done += chunk) {
    // Contact i belongs to account i mod N: every account gets the same share.
    const bodies = Array.from({ length: Math.min(chunk, o.contacts - done) }, (_, i) =>
      fakeContact(faker, accounts[(done + i) % accounts.length], server.userId),
    );
    contacts.push(...(await bulk<Created>(server, 'contacts', bodies)));
    if ((done + chunk) % 10_000 === 0) console.log(`  loaded ${done + chunk} contacts`);
  }
  const seconds = (performance.now() - started) / 1000;
  return { accounts, contacts, seconds, recordsPerSecond: Math.round((o.accounts + o.contacts) / seconds) };
}

export async function loadedRun(o: LoadedOptions) {
  const target: Target = {
    kind: 'pglite',
    name: `loaded-${o.contacts}`,
    dataDir: join(dataRoot, `pglite-loaded-${o.contacts}`),
  };
  const reuse = o.reuse && existsSync(join(target.dataDir, 'db'));
  const stored = reuse ? await storedData(target) : null;
  if (!reuse) rmSync(target.dataDir, { recursive: true, force: true });
  console.log(
    `API-loaded PGlite run: ${reuse ? 'the database an earlier run loaded, restarted,' : 'a fresh database'} in ${target.dataDir}`,
  );
  const server = await startServer(target, {
    email,
    password: 'bench-password-1',
    ...(reuse ? {} : { workspaceName: 'Bench, loaded through the API' }),
  });
  const results: Results = {};
  const put = (op: Operation, c: number, figures: Figures) => {
    ((results[op] ??= {})[String(c)] ??= {}).api = figures;
    o.record(op, c, figures);
  };
  try {
    let loaded: Awaited<ReturnType<typeof load>>;
    if (stored) loaded = { ...stored, seconds: NaN, recordsPerSecond: NaN };
    else {
      console.log(`Loading ${o.accounts} accounts and ${o.contacts} contacts through POST /{object}/bulk…`);
      server.memory.phaseMaxMb = 0;
      loaded = await load(server, o);
      console.log(
        `  ${loaded.seconds.toFixed(1)} s, ${loaded.recordsPerSecond} records/s, server RSS up to ${server.memory.phaseMaxMb} MB; waiting ${o.settleSeconds} s (Rapport's ANALYZE job runs then; nothing is run by hand)`,
      );
      await new Promise((r) => setTimeout(r, o.settleSeconds * 1000));
    }
    const get = (path: string): HttpRequest => ({ method: 'GET', path });
    const { accounts, contacts } = loaded;
    const at = <T>(list: T[], n: number) => list[(n + list.length) % list.length];
    const people = contacts.filter((_, i) => i % Math.ceil(contacts.length / 48) === 0);
    const searches = searchesFrom(
      people.map((p) => ({ first_name: p.firstName, last_name: p.lastName, email: p.email, phone: p.phone })),
      accounts.filter((_, i) => i % Math.ceil(accounts.length / 12) === 0),
    );
    for (const c of o.concurrencies) {
      put(
        'accountContacts',
        c,
        await hammer(server, c, o.seconds, (n) =>
          get(
            `/api/v1/contacts?${new URLSearchParams({ 'filter[accountId][eq]': at(accounts, n).id, sort: 'lastName', limit: '50' })}`,
          ),
        ),
      );
      put('get', c, await hammer(server, c, o.seconds, (n) => get(`/api/v1/contacts/${at(contacts, n).id}`)));
      put(
        'search',
        c,
        await hammer(server, c, o.seconds, (n) =>
          get(`/api/v1/search?q=${encodeURIComponent(at(searches, n))}`),
        ),
      );
    }
    const checked = atSize(loadedChecks(results), { target: loadedTargetSize, measured: o.contacts });
    await server.stop();
    const after = await afterRun(target, accounts[0].id);
    return {
      ...after,
      database: target.dataDir,
      accounts: loaded.accounts.length,
      contacts: loaded.contacts.length,
      reused: reuse,
      load: { seconds: Math.round(loaded.seconds * 10) / 10, recordsPerSecond: loaded.recordsPerSecond },
      settleSeconds: o.settleSeconds,
      memory: server.memory,
      results,
      checks: checked,
    };
  } finally {
    await server.stop();
  }
}

/** The accounts and contacts an earlier run loaded, read before the server opens the database. */
async function storedData(target: Target) {
  const db = await openTarget(target);
  try {
    return {
      accounts: await plain<{ id: string; domain: string; name: string }>(
        db,
        'SELECT id, domain, name FROM accounts WHERE deleted_at IS NULL ORDER BY id',
      ),
      contacts: await plain<Created>(
        db,
        'SELECT id, first_name AS "firstName", last_name AS "lastName", email, phone FROM contacts WHERE deleted_at IS NULL ORDER BY id',
      ),
    };
  } finally {
    await db.close();
  }
}

/**
 * Once the server has stopped: the row counts the planner holds (Rapport's own ANALYZE wrote them;
 * the bench ran none) and the plan of one account's contacts, from the SQL the engine sends.
 */
async function afterRun(target: Target, accountId: string) {
  const db = await openTarget(target);
  try {
    const plannerRows = Object.fromEntries(
      (
        await plain<{ relname: string; reltuples: number }>(
          db,
          `SELECT relname, reltuples::float8 AS reltuples FROM pg_class WHERE relname IN ('accounts', 'contacts', 'record_history') ORDER BY relname`,
        )
      ).map((r) => [r.relname, r.reltuples]),
    );
    const [user] = await plain<{ workspace_id: string }>(
      db,
      'SELECT workspace_id FROM users WHERE email = $1',
      [email],
    );
    const { ctx, objects } = await adminObjects(db, user.workspace_id);
    const query = new URLSearchParams({ 'filter[accountId][eq]': accountId, sort: 'lastName', limit: '50' });
    const plan = await explain(db, ctx, objects, { method: 'GET', path: `/api/v1/contacts?${query}` });
    console.log(`Planner's row counts after the run: ${JSON.stringify(plannerRows)}`);
    console.log(`Plan of one account's contacts (server stopped):\n  ${plan.join('\n  ')}`);
    return { plannerRows, plan };
  } finally {
    await db.close();
  }
}

/** The targets for PGlite after an API load of 50,000 contacts; every one needs zero error answers. */
function loadedChecks(results: Results): Check[] {
  const list1 = results.accountContacts?.['1']?.api;
  const list8 = results.accountContacts?.['8']?.api;
  const search1 = results.search?.['1']?.api;
  return [
    list1 && figureCheck("an account's contacts p95, c=1", list1, 'p95', 10),
    list8 && figureCheck("an account's contacts, pages/s, c=8", list8, 'requestsPerSecond', 350),
    search1 && figureCheck('search p95, c=1', search1, 'p95', 30),
  ].filter((c): c is Check => c !== undefined);
}
