import { createTransport, type SendMailOptions } from 'nodemailer';
import { DomainError } from '../../../common/errors';
import { checkOutboundHost } from '../../../server/outboundHosts';
import type { Platform } from '../../../server/platform';
import type { outgoingServer } from './settings';

type OutgoingServer = NonNullable<Awaited<ReturnType<typeof outgoingServer>>>;

export class MailServerFailed extends DomainError {
  constructor(detail: string) {
    super(502, 'Mail server failed', `The mail server did not take the email: ${detail}`);
  }
}

/** The part of the sender's address after the @, for Message-IDs. */
export function senderDomain(server: OutgoingServer): string {
  return server.fromAddress.slice(server.fromAddress.lastIndexOf('@') + 1);
}

/**
 * Hands one email to the workspace's SMTP server, from its sender address; the host passes the
 * outbound guard again at each send, since DNS may have changed since the admin saved it.
 */
export async function deliverMail(
  platform: Platform,
  server: OutgoingServer,
  mail: Omit<SendMailOptions, 'from'>,
): Promise<void> {
  const target = await checkOutboundHost(server.host, platform.settings.RAPPORT_ALLOW_PRIVATE_HOSTS);
  const transport = createTransport({
    host: target.address,
    port: server.port,
    secure: server.secure,
    tls: { servername: target.host },
    ...(server.user ? { auth: { user: server.user, pass: server.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    await transport.sendMail({
      from: server.fromName ? { name: server.fromName, address: server.fromAddress } : server.fromAddress,
      ...mail,
    });
  } catch (error) {
    throw new MailServerFailed(error instanceof Error ? error.message : String(error));
  } finally {
    transport.close();
  }
}
