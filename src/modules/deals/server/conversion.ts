import { sql } from 'drizzle-orm';
import { Conflict, ValidationFailed } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import {
  type ObjectMap,
  type Records,
  type RequestContext,
  type ResolvedObject,
  type Saved,
  visibleTo,
  writeTransaction,
} from '../../../server/engine';
import type { LeadConversionInput } from '../contract';

const parsed = (s: Saved) => JSON.parse(s.json) as Record<string, unknown>;

/** A domain as accounts store it ("https://www.Acme.com/x" is "acme.com"), by the account's own field. */
function storedDomain(ctx: RequestContext, accounts: ResolvedObject, domain: string | undefined) {
  const field = accounts.fields.get('domain');
  if (!domain || !field) return null;
  const result = field.kind
    .value(field.spec, { defaultCountry: ctx.workspace.defaultCountry })
    .safeParse(domain);
  if (!result.success)
    throw new ValidationFailed('The domain is not valid', [
      { path: 'account.domain', message: 'is not a domain like acme.com' },
    ]);
  return result.data as string;
}

/** The account a lead's company already is: same domain first, else same name (case aside); visible ones only. */
async function existingAccount(
  ctx: RequestContext,
  tx: Executor,
  accounts: ResolvedObject,
  name: string,
  domain: string | null,
) {
  const [found] = await rows<{ id: string }>(
    tx,
    sql`SELECT t.id FROM accounts t
      WHERE t.workspace_id = ${ctx.workspace.id} AND t.deleted_at IS NULL AND ${visibleTo(ctx, accounts)}
        AND ((${domain}::text IS NOT NULL AND t.domain = ${domain}) OR lower(t.name) = lower(${name}))
      ORDER BY (t.domain IS NOT DISTINCT FROM ${domain}) DESC, t.created_at LIMIT 1`,
  );
  return found?.id ?? null;
}

/** The account to convert into: the one given, the contact's own, one found by domain or name, or a new one. */
async function accountFor(
  ctx: RequestContext,
  tx: Executor,
  records: Records,
  accounts: ResolvedObject,
  contact: Record<string, unknown>,
  input: LeadConversionInput,
): Promise<{ id: string; created: boolean }> {
  if (input.account && 'id' in input.account) return { id: input.account.id, created: false };
  if (typeof contact.accountId === 'string') return { id: contact.accountId, created: false };
  if (!input.account)
    throw new ValidationFailed('The lead has no company', [
      { path: 'account', message: 'give the id of an account, or the name (and domain) of the company' },
    ]);
  const { name, domain } = input.account;
  const normalised = storedDomain(ctx, accounts, domain);
  const found = await existingAccount(ctx, tx, accounts, name, normalised);
  if (found) return { id: found, created: false };
  const [created] = await records.create('accounts', [
    { body: { name, domain: normalised, lifecycleStage: 'opportunity' }, path: 'account' },
  ]);
  return { id: created.id, created: true };
}

/**
 * Converts a lead in one transaction: the account (given, the contact's own, found by domain or name,
 * or created), the contact made an opportunity and qualified, and a deal in the chosen pipeline with
 * the contact in it and the lead's source kept for attribution. Any failure writes nothing.
 */
export async function convertLead(
  ctx: RequestContext,
  objects: ObjectMap,
  contact: Record<string, unknown> & { id: string },
  input: LeadConversionInput,
) {
  if (contact.leadStatus === 'disqualified')
    throw new Conflict('A disqualified lead cannot be converted: requalify it first');
  return writeTransaction(ctx, objects, async (records, tx) => {
    const account = await accountFor(ctx, tx, records, objects.get('accounts')!, contact, input);
    const [accountRecord] = await records.update('accounts', [{ id: account.id, body: {}, path: 'account' }]);
    const [updated] = await records.update('contacts', [
      {
        id: contact.id,
        body: { accountId: account.id, lifecycleStage: 'opportunity', leadStatus: 'qualified' },
        path: 'contact',
      },
    ]);
    const { role, name, ...deal } = input.deal;
    const [created] = await records.create('deals', [
      {
        body: {
          name: name ?? `${String(parsed(accountRecord).name)}: new business`,
          ...deal,
          accountId: account.id,
          contacts: [{ contactId: contact.id, role }],
          ...(typeof contact.leadSource === 'string' ? { source: contact.leadSource } : {}),
        },
        path: 'deal',
      },
    ]);
    return {
      account: parsed(accountRecord),
      accountCreated: account.created,
      contact: parsed(updated),
      deal: parsed(created),
    };
  });
}
