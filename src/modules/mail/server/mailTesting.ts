import { createTransport } from 'nodemailer';
import { createTestApp, type TestApp } from '../../../server/testing';

/** A test server whose SMTP listener and job queue run, on random loopback ports. */
export async function createMailTestApp(env: Record<string, string> = {}) {
  const app = await createTestApp({
    env: {
      RAPPORT_SMTP_PORT: '0',
      RAPPORT_MAIL_DOMAIN: 'capture.test',
      RAPPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1/32',
      ...env,
    },
  });
  await app.fastify.listen({ port: 0, host: '127.0.0.1' });
  await app.platform.jobs.start();
  return app;
}

/** Sends raw RFC 5322 text to the listener as a mail server would; rejects with the SMTP error. */
export async function deliver(
  port: number,
  to: string[],
  raw: string | Buffer,
  from = 'sender@outside.test',
) {
  const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ envelope: { from, to }, raw });
  } finally {
    transport.close();
  }
}

/** Polls until `probe` answers something other than undefined (a captured message is a queued job away). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The mail settings of the caller's workspace. */
export async function mailSettingsOf(app: TestApp, as: string) {
  return (await app.call('GET', '/api/v1/mail/settings', { as })).json<{
    inboundAddress: string;
    listener: { enabled: boolean; port: number };
  }>();
}

export function message(headers: Record<string, string>, body: string): string {
  return `${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n${body}\r\n`;
}
