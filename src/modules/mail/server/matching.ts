import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../server/db/database';
import type { MailAddress } from '../contract';

export interface Match {
  contacts: { id: string; accountId: string | null; email: string }[];
  accountIds: string[];
  /** The workspace user who wrote the message, when one did (a rep BCCing their own mail). */
  senderUserId: string | null;
}

/** Webmail domains say nothing about a company: an account is never matched by them. */
const personalDomains = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'proton.me',
  'protonmail.com',
]);

/**
 * The contacts whose address (main or other) is among the message's sender and recipients, their
 * accounts, and the accounts whose domain is one of the addresses' domains. Addresses of the
 * workspace's own inbound domain are left out: they are Rapport, not people.
 */
export async function matchAddresses(
  tx: Executor,
  workspaceId: string,
  people: MailAddress[],
  from: MailAddress | null,
  ownDomain: string,
): Promise<Match> {
  const addresses = [
    ...new Set(people.map((p) => p.address).filter((a) => !a.endsWith(`@${ownDomain.toLowerCase()}`))),
  ];
  if (addresses.length === 0) return { contacts: [], accountIds: [], senderUserId: null };
  const list = `{${addresses.map((a) => `"${a.replace(/["\\]/g, '')}"`).join(',')}}`;
  const contacts = await rows<{ id: string; accountId: string | null; email: string }>(
    tx,
    sql`SELECT id, account_id AS "accountId", email FROM contacts
        WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL AND email = ANY(${list}::text[])
      UNION
      SELECT id, account_id, coalesce((SELECT e FROM unnest(emails) e WHERE e = ANY(${list}::text[]) LIMIT 1), email) FROM contacts
        WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL AND emails && ${list}::text[]
      ORDER BY 1 LIMIT 200`,
  );
  const domains = [...new Set(addresses.map((a) => a.slice(a.lastIndexOf('@') + 1)))].filter(
    (d) => !personalDomains.has(d),
  );
  const byDomain = domains.length
    ? await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM accounts WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL
          AND domain = ANY(${`{${domains.map((d) => `"${d.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]) LIMIT 50`,
      )
    : [];
  const [sender] = from
    ? await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM users WHERE workspace_id = ${workspaceId} AND email = ${from.address} LIMIT 1`,
      )
    : [];
  const accountIds = [
    ...new Set([
      ...contacts.map((c) => c.accountId).filter((id): id is string => id !== null),
      ...byDomain.map((a) => a.id),
    ]),
  ];
  return { contacts, accountIds, senderUserId: sender?.id ?? null };
}
