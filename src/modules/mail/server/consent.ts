import { Conflict } from '../../../common/errors';
import type { RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';

interface CurrentConsent {
  channel: string;
  status: 'granted' | 'withdrawn';
  source: string;
  recordedAt: string;
}

/**
 * Refuses (409) an email to a contact whose current consent to email is withdrawn (the caller leaves
 * out replies to a message of theirs, and what was arranged with them). The consents are the privacy
 * module's, read as the include it offers on contacts.
 */
export async function assertMayEmail(
  platform: Platform,
  ctx: RequestContext,
  contact: { id: string; email?: unknown; firstName?: unknown; lastName?: unknown } | null,
  recipients: string[],
): Promise<void> {
  if (!contact || typeof contact.email !== 'string') return;
  const address = contact.email.toLowerCase();
  if (!recipients.some((r) => r.toLowerCase() === address)) return;
  const included = await platform.includes(ctx, 'contacts', contact.id, ['consents']);
  const { consents } = JSON.parse(`{${included.slice(1)}}`) as { consents: CurrentConsent[] };
  const email = consents.find((c) => c.channel === 'email');
  if (email?.status !== 'withdrawn') return;
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || address;
  throw new Conflict(
    `${name} withdrew consent to email on ${email.recordedAt.slice(0, 10)} (${email.source}): ` +
      'answer a message of theirs, or record their consent again, to email them',
    { consent: { channel: 'email', status: 'withdrawn', recordedAt: email.recordedAt } },
  );
}
