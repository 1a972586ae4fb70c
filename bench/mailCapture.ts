import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
import { rows } from '../src/server/db/database';
import { createMailTestApp, mailSettingsOf } from '../src/modules/mail/server/mailTesting';

/**
 * Inbound SMTP capture with matching (target: >= 50 messages/s): N messages over SMTP to the built-in
 * listener, from `--connections` senders at once, each from or to one of the seeded contacts (every
 * fifth from a stranger, for review); timed until every message is captured by the job queue.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/mailCapture.ts --messages 500
 * Without DATABASE_URL it runs on PGlite in memory.
 */
const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '500' },
    contacts: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '4' },
  },
});
const total = Number(args.messages);
const contactCount = Number(args.contacts);
const connections = Number(args.connections);

const app = await createMailTestApp();
const admin = await app.signup('Mail bench');
const { inboundAddress, listener } = await mailSettingsOf(app, admin.cookie);
for (let start = 0; start < contactCount; start += 500) {
  const size = Math.min(500, contactCount - start);
  const accounts = await app.call('POST', '/api/v1/accounts/bulk', {
    as: admin.cookie,
    body: {
      create: Array.from({ length: size / 10 }, (_, i) => ({
        name: `Co ${start + i}`,
        domain: `co${start + i}.test`,
      })),
    },
  });
  const accountIds = accounts.json<{ created: { id: string }[] }>().created.map((a) => a.id);
  await app.call('POST', '/api/v1/contacts/bulk', {
    as: admin.cookie,
    body: {
      create: Array.from({ length: size }, (_, i) => ({
        firstName: 'P',
        lastName: String(start + i),
        email: `p${start + i}@co${start + Math.floor(i / 10)}.test`,
        accountId: accountIds[Math.floor(i / 10)],
      })),
    },
  });
}
console.log(`seeded ${contactCount} contacts; sending ${total} messages over ${connections} connections`);

const raw = (n: number) => {
  const from =
    n % 5 === 4
      ? `stranger${n}@elsewhere.test`
      : `p${n % contactCount}@co${Math.floor((n % contactCount) / 10)}.test`;
  return `From: ${from}\r\nTo: rep@ourco.test\r\nSubject: Bench ${n}\r\nMessage-ID: <bench-${n}@bench.test>\r\nDate: ${new Date().toUTCString()}\r\n\r\nBody of message ${n}\r\n`;
};
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: connections }, async () => {
    const transport = createTransport({
      host: '127.0.0.1',
      port: listener.port,
      pool: true,
      maxConnections: 1,
      ignoreTLS: true,
    });
    while (next < total) {
      const n = next++;
      await transport.sendMail({ envelope: { from: 'bench@ourco.test', to: [inboundAddress] }, raw: raw(n) });
    }
    transport.close();
  }),
);
const accepted = (performance.now() - started) / 1000;
const count = async () =>
  (await app.db.read((x) => rows<{ n: number }>(x, sql`SELECT count(*)::int AS n FROM mail_messages`)))[0].n;
while ((await count()) < total) await new Promise((resolve) => setTimeout(resolve, 50));
const captured = (performance.now() - started) / 1000;
const [split] = await app.db.read((x) =>
  rows<{ imported: number; review: number }>(
    x,
    sql`SELECT count(*) FILTER (WHERE status = 'imported')::int AS imported, count(*) FILTER (WHERE status = 'review')::int AS review FROM mail_messages`,
  ),
);
console.log(
  `${app.db.kind}: ${total} messages accepted in ${accepted.toFixed(1)} s (${(total / accepted).toFixed(0)}/s), all captured in ${captured.toFixed(1)} s: ${(total / captured).toFixed(0)} messages/s with matching (target >= 50); ${split.imported} filed as email activities, ${split.review} in review`,
);
await app.close();
