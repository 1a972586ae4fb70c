import { z } from 'zod';
import { listPrice } from '../catalog/contract';

export const quoteStatuses = [
  'draft',
  'pendingApproval',
  'approved',
  'sent',
  'accepted',
  'declined',
  'expired',
] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];
export const quoteStatusLabels: Record<QuoteStatus, string> = {
  draft: 'Draft',
  pendingApproval: 'Pending approval',
  approved: 'Approved',
  sent: 'Sent',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
};

/** Where each status may go; anything else is a 409 naming the allowed moves. */
export const quoteMoves: Record<QuoteStatus, QuoteStatus[]> = {
  draft: ['pendingApproval', 'sent'],
  pendingApproval: ['approved', 'draft'],
  approved: ['sent', 'draft'],
  sent: ['accepted', 'declined', 'expired'],
  accepted: [],
  declined: [],
  expired: [],
};

const percent = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,3}(\.\d{1,4})?$/.test(v) && Number(v) <= 100, 'must be a percentage from 0 to 100');

/**
 * A quote line as a user writes it. Unknown keys (the snapshot and amounts the server answers) are
 * dropped on the way in, so a line sent back as answered is taken again as its inputs.
 */
export const quoteLineInput = z.object({
  productId: z.uuid({ message: 'must be a product id' }),
  description: z.string().trim().max(2000).optional(),
  quantity: z.number().positive({ message: 'must be more than 0' }).max(1_000_000_000),
  /** absent: the price book's list price at that moment, kept afterwards */
  unitPrice: listPrice.optional(),
  discountPercent: percent.default('0'),
  /** absent: the workspace's rate for the product's tax category, else 0 */
  taxRate: percent.optional(),
});
export const quoteLines = z.array(quoteLineInput).max(1000);

/** A quote line as stored and answered: the inputs, the product as it was, and the line's amounts. */
export interface QuoteLine {
  productId: string;
  description?: string;
  quantity: number;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
  sku: string;
  name: string;
  unit: string | null;
  gross: string;
  discount: string;
  net: string;
  tax: string;
  total: string;
}

/** The workspace's quoting rules: approval threshold, tax rates by category, what the PDF shows. */
export const quoteSettings = z
  .object({
    /** a discount above this percentage needs a manager's approval; null: no approval needed */
    approvalDiscountPercent: percent.nullable(),
    taxRates: z.record(z.string().trim().min(1).max(60), percent),
    companyName: z.string().trim().max(200).nullable(),
    companyAddress: z.string().trim().max(1000).nullable(),
    terms: z.string().trim().max(10_000).nullable(),
    validityDays: z.number().int().min(1).max(365),
    /** a PNG or JPEG, base64, at most about 200 KB */
    logoBase64: z
      .string()
      .max(280_000)
      .regex(/^[A-Za-z0-9+/=\s]*$/, 'must be base64')
      .nullable(),
  })
  .meta({ id: 'QuoteSettings' });
export type QuoteSettings = z.infer<typeof quoteSettings>;
export const quoteSettingsInput = quoteSettings.partial().strict();

export const approvalDecisions = ['requested', 'approved', 'rejected'] as const;
export const quoteApproval = z
  .object({
    id: z.string(),
    decision: z.enum(approvalDecisions),
    comment: z.string().nullable(),
    maxDiscountPercent: z.string(),
    actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string() }),
    at: z.string(),
  })
  .meta({ id: 'QuoteApproval' });
export type QuoteApproval = z.infer<typeof quoteApproval>;

export const shareInput = z.object({ expiresInDays: z.number().int().min(1).max(90).default(14) }).strict();
export const shareLink = z.object({ url: z.string(), token: z.string(), expiresAt: z.string() });

/** What the customer's link shows: this quote only, nothing else of the workspace. */
export const publicQuote = z
  .object({
    companyName: z.string().nullable(),
    number: z.number(),
    revision: z.number(),
    status: z.enum(quoteStatuses),
    currency: z.string(),
    validUntil: z.string().nullable(),
    terms: z.string().nullable(),
    lines: z.array(
      z.object({
        name: z.string(),
        description: z.string().nullable(),
        quantity: z.number(),
        unitPrice: z.string(),
        discountPercent: z.string(),
        taxRate: z.string(),
        total: z.string(),
      }),
    ),
    subtotal: z.string(),
    discountTotal: z.string(),
    taxTotal: z.string(),
    total: z.string(),
    acceptedByName: z.string().nullable(),
    acceptedAt: z.string().nullable(),
  })
  .meta({ id: 'PublicQuote' });
export type PublicQuote = z.infer<typeof publicQuote>;
export const customerAnswer = z.object({ name: z.string().trim().min(1).max(200) }).strict();

/** How people name a quote: its number and version, Q-00042 v2. */
export const quoteLabel = (number: number, revision: number) =>
  `Q-${String(number).padStart(5, '0')} v${revision}`;

/** Sending a quote by email: to the deal's contact (or `to`), its PDF attached; merge fields as in mail. */
export const sendQuoteInput = z
  .object({
    contactId: z.uuid().optional(),
    to: z.array(z.email()).min(1).max(50).optional(),
    cc: z.array(z.email()).max(50).optional(),
    subject: z.string().trim().min(1).max(998).optional(),
    body: z.string().min(1).max(200_000).optional(),
    /** days the customer link in the email (to review, accept or decline online) works; 0 sends none */
    linkExpiresInDays: z.number().int().min(0).max(90).default(14),
  })
  .strict();
export type SendQuoteInput = z.infer<typeof sendQuoteInput>;
export const sentQuote = z.object({
  activityId: z.uuid(),
  messageId: z.string(),
  to: z.array(z.string()),
  status: z.enum(quoteStatuses),
});
