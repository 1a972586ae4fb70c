import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../server/db/database';
import { assertAdmin, type RequestContext } from '../../../server/engine';
import type { QuoteSettings } from '../contract';

const defaults: QuoteSettings = {
  approvalDiscountPercent: null,
  taxRates: {},
  companyName: null,
  companyAddress: null,
  terms: null,
  validityDays: 30,
  logoBase64: null,
};

/** The workspace's quoting rules; the defaults (no approval, no tax rates, 30 days) until an admin sets them. */
export async function quoteSettingsOf(tx: Executor, workspaceId: string): Promise<QuoteSettings> {
  // Raw SQL on the module's own table (declared in tables.ts, which imports the quote object and its hooks).
  const [row] = await rows<QuoteSettings>(
    tx,
    sql`SELECT (approval_discount_percent::float8)::text AS "approvalDiscountPercent", tax_rates AS "taxRates",
        company_name AS "companyName", company_address AS "companyAddress", terms,
        validity_days AS "validityDays", logo_base64 AS "logoBase64"
      FROM quote_settings WHERE workspace_id = ${workspaceId}`,
  );
  return row ?? { ...defaults };
}

export async function updateQuoteSettings(ctx: RequestContext, input: Partial<QuoteSettings>) {
  assertAdmin(ctx);
  return ctx.db.write(async (tx) => {
    const next = { ...(await quoteSettingsOf(tx, ctx.workspace.id)), ...input };
    const v = { ...next, logoBase64: next.logoBase64?.replace(/\s/g, '') ?? null };
    await tx.execute(sql`INSERT INTO quote_settings (workspace_id, approval_discount_percent, tax_rates,
        company_name, company_address, terms, validity_days, logo_base64)
      VALUES (${ctx.workspace.id}, ${v.approvalDiscountPercent}, ${JSON.stringify(v.taxRates)}::jsonb,
        ${v.companyName}, ${v.companyAddress}, ${v.terms}, ${v.validityDays}, ${v.logoBase64})
      ON CONFLICT (workspace_id) DO UPDATE SET approval_discount_percent = excluded.approval_discount_percent,
        tax_rates = excluded.tax_rates, company_name = excluded.company_name,
        company_address = excluded.company_address, terms = excluded.terms,
        validity_days = excluded.validity_days, logo_base64 = excluded.logo_base64, updated_at = now()`);
    return quoteSettingsOf(tx, ctx.workspace.id);
  });
}
