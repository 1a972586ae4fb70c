/**
 * Bulk writes and search at scale, in-process through the engine (no HTTP): bulk create and bulk
 * update of 1,000 contacts per transaction, search p50/p95 per kind of query, and the same searches
 * again right after a burst of 100,000 updates. PostgreSQL only, on the bench database of
 * `--contacts` (seeded by `npm run bench` or `rapport seed`).
 *
 *   node --import tsx bench/writes.ts --contacts 1000000 [--burst 100000] [--rounds 3]
 */
import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { searchAll } from '../src/server/engine/search';
import { writeTransaction } from '../src/server/engine/records';
import { openTarget, plain, targetFor } from './database';
import { figuresOf, type Figures } from './measure';
import { adminObjects, typo } from './workload';

const { values: args } = parseArgs({
  options: {
    contacts: { type: 'string', default: '1000000' },
    burst: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
  },
});
const target = targetFor('postgres', Number(args.contacts));
const db = await openTarget(target, 4);
const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, 'load ');

const [{ workspace_id: workspaceId }] = await plain<{ workspace_id: string }>(
  db,
  `SELECT workspace_id FROM users WHERE email LIKE 'bench-%@bench.rapport.test' ORDER BY created_at LIMIT 1`,
);
const { ctx, objects } = await adminObjects(db, workspaceId);

/** Searches of each kind, drawn from the data as people type them. */
async function searchesByKind(): Promise<Record<string, string[]>> {
  const people = await plain<{ first_name: string; last_name: string; email: string; phone: string }>(
    db,
    `SELECT first_name, last_name, email, phone FROM contacts TABLESAMPLE SYSTEM (1)
     WHERE workspace_id = $1 AND deleted_at IS NULL AND last_name IS NOT NULL AND email IS NOT NULL AND phone IS NOT NULL LIMIT 20`,
    [workspaceId],
  );
  const companies = await plain<{ name: string; domain: string }>(
    db,
    `SELECT name, domain FROM accounts TABLESAMPLE SYSTEM (5) WHERE workspace_id = $1 AND deleted_at IS NULL AND domain IS NOT NULL LIMIT 20`,
    [workspaceId],
  );
  const national = (phone: string) => phone.replace(/\D/g, '').replace(/^1/, '');
  return {
    'last name': people.map((p) => p.last_name),
    'full name': people.map((p) => `${p.first_name} ${p.last_name}`),
    'name prefix': people.map((p) => p.last_name.slice(0, 4).toLowerCase()),
    'typo in last name': people.map((p, n) => typo(p.last_name, n)),
    'first name, typo in last': people.map((p, n) => `${p.first_name} ${typo(p.last_name, n + 1)}`),
    email: people.map((p) => p.email),
    'phone (509) 555-0329': people.map((p) => {
      const d = national(p.phone);
      return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
    }),
    'phone +1 509 555 0329': people.map((p) => {
      const d = national(p.phone);
      return `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
    }),
    company: companies.map((c) => c.name),
    domain: companies.map((c) => c.domain),
    'typo in company': companies.map((c, n) => typo(c.name.split(/[\s,]+/)[0], n)),
  };
}

async function measureSearches(kinds: Record<string, string[]>): Promise<Record<string, Figures>> {
  const out: Record<string, Figures> = {};
  for (const [kind, queries] of Object.entries(kinds)) {
    const latencies: number[] = [];
    const started = performance.now();
    for (let round = 0; round < Number(args.rounds); round++)
      for (const q of queries) {
        const t = performance.now();
        await searchAll(ctx, [...objects.values()], q, 20);
        latencies.push(performance.now() - t);
      }
    out[kind] = figuresOf(latencies, (performance.now() - started) / 1000, 0);
    console.log(`  ${kind.padEnd(26)} p50 ${out[kind].p50} ms  p95 ${out[kind].p95} ms  (${load()})`);
  }
  return out;
}

const tag = `bw${Date.now().toString(36)}`;
async function bulkCreate(batches: number) {
  const ids: string[] = [];
  const started = performance.now();
  for (let b = 0; b < batches; b++) {
    const requests = Array.from({ length: 1000 }, (_, i) => ({
      body: {
        firstName: `Bench${i}`,
        lastName: `Writer${b}`,
        email: `bench.${tag}.${b}.${i}@example.com`,
        phone: `+1 (415) 555-${String(i).padStart(4, '0')}`,
        title: 'Buyer',
        lifecycleStage: 'lead',
      },
      path: `create.${i}`,
    }));
    const made = await writeTransaction(ctx, objects, (records) => records.create('contacts', requests));
    ids.push(...made.map((m) => m.id));
  }
  return { ids, perSecond: Math.round((batches * 1000) / ((performance.now() - started) / 1000)) };
}

async function bulkUpdate(ids: string[], title: string) {
  const started = performance.now();
  for (let from = 0; from < ids.length; from += 1000) {
    const requests = ids
      .slice(from, from + 1000)
      .map((id, i) => ({ id, body: { title: `${title} ${i}` }, path: `update.${i}` }));
    await writeTransaction(ctx, objects, (records) => records.update('contacts', requests));
  }
  return Math.round(ids.length / ((performance.now() - started) / 1000));
}

try {
  const kinds = await searchesByKind();
  console.log(`Search per kind, ${args.rounds} rounds of ${kinds.email.length} queries (${load()}):`);
  const before = await measureSearches(kinds);

  console.log(`Bulk create, 10 × 1,000 contacts (${load()})…`);
  const created = await bulkCreate(10);
  console.log(`  ${created.perSecond} records/s (${load()})`);

  const burst = Number(args.burst);
  const burstIds = (
    await plain<{ id: string }>(
      db,
      `SELECT id FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT ${burst}`,
      [workspaceId],
    )
  ).map((r) => r.id);
  console.log(`Bulk update, ${burst} contacts in transactions of 1,000 (${load()})…`);
  const updated = await bulkUpdate(burstIds, `Burst ${tag}`);
  console.log(`  ${updated} records/s (${load()})`);

  console.log('Search per kind right after the burst:');
  const after = await measureSearches(kinds);
  console.log(JSON.stringify({ created: created.perSecond, updated, before, after }));
} finally {
  await plain(
    db,
    `DELETE FROM record_history WHERE workspace_id = $1 AND object = 'contacts' AND record_id IN (SELECT id FROM contacts WHERE workspace_id = $1 AND email LIKE 'bench.%@example.com')`,
    [workspaceId],
  );
  await plain(db, `DELETE FROM contacts WHERE workspace_id = $1 AND email LIKE 'bench.%@example.com'`, [
    workspaceId,
  ]);
  await db.close();
}
