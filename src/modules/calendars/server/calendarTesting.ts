import { createTestApp, eventually, type TestApp } from '../../../server/testing';
import type { CalendarConnection } from '../contract';
import { startRadicale } from './radicale';

export { radicaleCommand } from './radicale';

/** A Rapport test server with its job queue running, a Radicale on loopback, a rep and a contact of theirs. */
export async function calendarWorld() {
  const radicale = await startRadicale('rep', 'cal-pw-1');
  const app = await createTestApp({ env: { RAPPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1/32' } });
  await app.platform.jobs.start();
  const admin = await app.signup();
  const rep = await app.addUser(admin.cookie, 'rep');
  const create = async (object: string, body: object) =>
    (await app.call('POST', `/api/v1/${object}`, { as: rep.cookie, body })).json<{ id: string }>();
  const acme = await create('accounts', { name: 'Acme', domain: 'acme.com' });
  const jane = await create('contacts', {
    firstName: 'Jane',
    lastName: 'Doe',
    email: 'jane@acme.com',
    accountId: acme.id,
  });
  const dav = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    fetch(`${radicale.url}${path}`, {
      method,
      body,
      headers: { Authorization: `Basic ${Buffer.from('rep:cal-pw-1').toString('base64')}`, ...headers },
    });
  for (const [path, name] of [
    ['/rep/work/', 'Work'],
    ['/rep/home/', 'Home'],
  ])
    await dav(
      'MKCALENDAR',
      path,
      `<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:displayname>${name}</d:displayname></d:prop></d:set></c:mkcalendar>`,
    );

  async function connection(id: string) {
    return (
      await app.call('GET', `/api/v1/me/calendar-connections/${id}`, { as: rep.cookie })
    ).json<CalendarConnection>();
  }

  /** Asks for a sync and waits until a run has finished after the request. */
  async function sync(id: string) {
    const before = (await connection(id)).health.lastAttemptAt;
    const asked = await app.call('POST', `/api/v1/me/calendar-connections/${id}/sync`, { as: rep.cookie });
    if (asked.status !== 202) throw new Error(`sync: ${asked.status} ${asked.body}`);
    return eventually(async () => {
      const c = await connection(id);
      return c.health.lastAttemptAt !== null && (before === null || c.health.lastAttemptAt > before)
        ? c
        : undefined;
    });
  }

  /** What the phone writes: one event, as a calendar object resource. */
  const putEvent = (name: string, lines: string[]) =>
    dav(
      'PUT',
      `/rep/work/${name}`,
      ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Phone//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n'),
      {
        'Content-Type': 'text/calendar',
      },
    );

  return { radicale, app, admin, rep, acme, jane, dav, connection, sync, putEvent };
}

export type CalendarWorld = Awaited<ReturnType<typeof calendarWorld>>;

export async function meetingsOf(world: CalendarWorld) {
  return (
    await world.app.call('GET', '/api/v1/activities?filter[type][eq]=meeting&sort=occurredAt&limit=100', {
      as: world.rep.cookie,
    })
  ).json<{ data: Meeting[] }>().data;
}

export interface Meeting {
  id: string;
  version: number;
  subject: string;
  body: string | null;
  occurredAt: string;
  durationMinutes: number | null;
  channel: string | null;
  recurrence: string | null;
  links: { object: string; id: string }[];
  participants: { email?: string; name?: string; contactId?: string; role?: string }[];
  ownerId: string;
}

export type { TestApp };

/**
 * Radicale as a server without RFC 6578 would be: a loopback proxy that answers 501 to sync-collection
 * and passes every other request through, so that sync falls back to the CTag and ETags; it counts
 * the calendar's listings (PROPFIND, depth 1) and the events read one by one (GET).
 */
export async function withoutSyncCollection(target: string) {
  const { createServer, request } = await import('node:http');
  const seen = { listings: 0, gets: 0 };
  const server = createServer((incoming, outgoing) => {
    if (incoming.method === 'PROPFIND' && incoming.headers.depth === '1') seen.listings++;
    if (incoming.method === 'GET') seen.gets++;
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      if (incoming.method === 'REPORT' && body.includes('sync-collection')) {
        outgoing.writeHead(501).end();
        return;
      }
      const forwarded = request(
        new URL(incoming.url ?? '/', target),
        { method: incoming.method, headers: { ...incoming.headers, host: new URL(target).host } },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
