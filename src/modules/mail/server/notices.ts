import type { RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { MailServerFailed, outgoingTransport } from './send';

/**
 * Sends a plain-text notice (an approval to give, a decision) to users through the workspace's SMTP
 * server. Notices are not customer email: no activity is logged. Answers false when no server is set.
 */
export async function sendNotice(
  platform: Platform,
  ctx: RequestContext,
  notice: { to: string[]; subject: string; text: string },
): Promise<boolean> {
  if (notice.to.length === 0) return false;
  const outgoing = await outgoingTransport(platform, ctx);
  if (!outgoing) return false;
  const { server, transport } = outgoing;
  try {
    await transport.sendMail({
      from: server.fromName ? { name: server.fromName, address: server.fromAddress } : server.fromAddress,
      to: notice.to,
      subject: notice.subject,
      text: notice.text,
    });
    return true;
  } catch (error) {
    throw new MailServerFailed(error instanceof Error ? error.message : String(error));
  } finally {
    transport.close();
  }
}
