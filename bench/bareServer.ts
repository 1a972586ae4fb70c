/**
 * The bare route of the comparison (see bare.ts): Fastify and a pg pool of the server's size, no auth,
 * permissions, history, usage or hooks, running the SQL Rapport's engine runs for the same list and
 * get (captured, passed in BARE_STATEMENTS) and sending PostgreSQL's JSON text as it comes.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';
import { postgresSessionOptions } from '../src/server/db/database';
import { asSent, type Captured } from './workload';

const { lists, get, sampleId } = JSON.parse(readFileSync(process.env.BARE_STATEMENTS!, 'utf8')) as {
  lists: Captured[];
  get: Captured;
  sampleId: string;
};
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  options: postgresSessionOptions,
});
const app = Fastify({ logger: false });

// `variant` picks the list page of the workload's rotation that Rapport is asked for at the same turn.
app.get<{ Querystring: { variant?: string } }>('/contacts', async (request, reply) => {
  const list = lists[Number(request.query.variant ?? 0)] ?? lists[0];
  const { rows } = await pool.query<{ j: string }>(asSent(list));
  const page = rows.slice(0, 50).map((r) => r.j);
  return reply.type('application/json').send(`{"data":[${page.join(',')}],"nextCursor":null}`);
});

app.get<{ Params: { id: string } }>('/contacts/:id', async (request, reply) => {
  const params = get.params.map((p) => (p === sampleId ? request.params.id : p));
  const { rows } = await pool.query<{ j: string }>(asSent(get, params));
  if (!rows.length) return reply.status(404).send();
  return reply.type('application/json').send(rows[0].j);
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0)),
);
