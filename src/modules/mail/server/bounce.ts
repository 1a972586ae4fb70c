/** A failed delivery a report names: the address that could not be reached and why. */
export interface FailedDelivery {
  address: string;
  reason: string;
}

/** What a delivery report (a bounce) says; `failed` is empty for a report of a delay only. */
export interface DeliveryReport {
  failed: FailedDelivery[];
}

// Reports put their recipients near the top; nothing past this is read.
const readLimit = 256 * 1024;
const addressPattern = /[^\s<>;,"]+@[^\s<>;,"]+/;

/** Header blocks (`Name: value` lines, folded lines joined) split on blank lines, names lowercased. */
function fieldBlocks(text: string): Map<string, string>[] {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split(/\n\s*\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon < 1) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
      }
      return fields;
    });
}

function addressIn(value: string | undefined): string | null {
  const found = value?.replace(/^[a-z0-9-]+\s*;/i, '').match(addressPattern)?.[0];
  return found ? found.toLowerCase().replace(/\.$/, '').slice(0, 320) : null;
}

/** `smtp; 550 5.1.1 No such user` as `550 5.1.1 No such user`. */
function reasonOf(fields: Map<string, string>, fallback: string): string {
  const diagnostic = fields.get('diagnostic-code')?.replace(/^[a-z0-9-]+\s*;\s*/i, '');
  const status = fields.get('status');
  return (diagnostic || (status ? `Status ${status}` : fallback)).slice(0, 500);
}

/**
 * Reads a raw message as a delivery status notification (RFC 3464: `multipart/report;
 * report-type=delivery-status`), or as the plainer bounce mail servers send from MAILER-DAEMON or
 * postmaster naming the address in `X-Failed-Recipients`. Answers null for any other message.
 */
export function deliveryReportOf(
  raw: Buffer,
  from: string | null,
  subject: string | null,
): DeliveryReport | null {
  const blocks = fieldBlocks(raw.subarray(0, readLimit).toString('utf8'));
  const top = blocks[0] ?? new Map<string, string>();
  const contentType = top.get('content-type') ?? '';
  const isReport =
    /multipart\/report/i.test(contentType) && /report-type\s*=\s*"?delivery-status/i.test(contentType);
  const fromDaemon = /^(mailer-daemon|postmaster)@/i.test(from ?? '');
  const fallback = (subject ?? 'Undelivered mail').slice(0, 500);
  const failed = new Map<string, string>();
  // A recipient's block of a report has an action or a status beside the address.
  for (const fields of blocks.filter((f) => f.has('action') || f.has('status'))) {
    const address = addressIn(fields.get('final-recipient') ?? fields.get('original-recipient'));
    const action = fields.get('action')?.toLowerCase();
    if (address && (!action || action.startsWith('failed'))) failed.set(address, reasonOf(fields, fallback));
  }
  for (const part of (top.get('x-failed-recipients') ?? '').split(',')) {
    const address = addressIn(part);
    if (address && !failed.has(address)) failed.set(address, fallback);
  }
  if (!isReport && !(fromDaemon && failed.size)) return null;
  return { failed: [...failed].map(([address, reason]) => ({ address, reason })) };
}
