import { createTransport } from 'nodemailer';
import { createTestApp, type TestApp } from '../../../server/testing';

export { eventually } from '../../../server/testing';

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
