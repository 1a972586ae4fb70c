import { loadavg } from 'node:os';
import pg from 'pg';
import type { Target } from './database';
import type { Server } from './http';

/**
 * The custom fields the engine bench measures, created through the metadata API as an admin would:
 * two formulas (each beside the stored field it is compared with) and a number on contacts to sum,
 * since contacts have no standard number field.
 */
const benchFields: Record<string, { name: string; label: string; type: string; expression?: string }[]> = {
  accounts: [
    { name: 'employeesDouble', label: 'Employees × 2', type: 'formula', expression: 'employees * 2' },
  ],
  contacts: [
    { name: 'sortName', label: 'Sort name', type: 'formula', expression: 'lastName & " " & firstName' },
    { name: 'score', label: 'Score', type: 'number' },
  ],
};

async function api(server: Server, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(server.base + path, {
    method,
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(
      `${method} ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
    );
  return response.json();
}

/**
 * Creates the bench's fields that do not exist yet, and gives every live contact without a score one
 * (0 to 999, from its id). The scores are written with one SQL statement, not through the API: a
 * million updates through the write path would take most of an hour and add a million history rows.
 * PostgreSQL only, where autovacuum runs; nothing is vacuumed or analyzed by hand.
 */
export async function ensureBenchFields(server: Server, target: Target, workspaceId: string): Promise<void> {
  const { data } = (await api(server, 'GET', '/api/v1/metadata/objects')) as {
    data: { name: string; fields: { name: string }[] }[];
  };
  for (const [object, fields] of Object.entries(benchFields)) {
    const existing = new Set(data.find((o) => o.name === object)?.fields.map((f) => f.name));
    for (const field of fields)
      if (!existing.has(field.name)) {
        await api(server, 'POST', `/api/v1/metadata/objects/${object}/fields`, field);
        console.log(`Created the ${field.type} field ${object}.${field.name}`);
      }
  }
  if (target.kind !== 'postgres') return;
  const client = new pg.Client(target.url);
  await client.connect();
  try {
    const started = Date.now();
    const { rowCount } = await client.query(
      `UPDATE contacts SET custom = custom || jsonb_build_object('score', abs(hashtext(id::text)) % 1000)
        WHERE workspace_id = $1 AND deleted_at IS NULL AND NOT custom ? 'score'`,
      [workspaceId],
    );
    // No VACUUM or ANALYZE by hand: PostgreSQL's autovacuum sees this write as it would any other.
    if (rowCount)
      console.log(`Gave ${rowCount} contacts a score in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await client.end();
  }
}

/** The 1-minute load average, one decimal. */
export const load = () => Math.round(loadavg()[0] * 10) / 10;

/**
 * Waits (at most `maxWaitS`) until the 1-minute load average is at most `limit`, so a measurement
 * does not start while other work on the shared machine holds the cores.
 */
export async function quiet(limit: number, maxWaitS = 90): Promise<number> {
  const until = Date.now() + maxWaitS * 1000;
  while (load() > limit && Date.now() < until) await new Promise((r) => setTimeout(r, 5000));
  return load();
}
