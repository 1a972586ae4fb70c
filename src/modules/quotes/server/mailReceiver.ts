import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { TestApp } from '../../../server/testing';

/** A loopback SMTP server for tests: what it receives, and the workspace's outgoing settings pointed at it. */
export async function mailReceiver() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port)),
  );
  return {
    received,
    /** Points the workspace of `adminCookie` at this server. */
    async configure(app: TestApp, adminCookie: string) {
      const smtp = { host: '127.0.0.1', port, secure: false, fromAddress: 'sales@ourco.test' };
      const saved = await app.call('PATCH', '/api/v1/mail/settings', { as: adminCookie, body: { smtp } });
      if (saved.status !== 200) throw new Error(`mail settings: ${saved.status} ${saved.body}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
