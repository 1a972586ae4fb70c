import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message an outside SMTP server took, as tests see it. */
export interface ReceivedMail {
  mail: ParsedMail;
  /** The user it signed in as, when it did. */
  auth: string | undefined;
  rcpt: string[];
}

/**
 * An outside SMTP server for tests, on a random port of a loopback address: it keeps every message it
 * takes. With `credentials` it refuses mail from clients that do not sign in with them.
 */
export async function startSmtpReceiver(
  credentials?: { user: string; password: string },
  host = '127.0.0.1',
) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: !credentials,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.password)
        return callback(null, { user: auth.username });
      callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({
          mail,
          auth: session.user as string | undefined,
          rcpt: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      }, callback);
    },
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, host, () => resolve((server.server.address() as { port: number }).port)),
  );
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
