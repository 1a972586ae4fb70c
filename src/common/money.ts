import { z } from 'zod';

/** Money travels as a decimal string, never a binary float. */
export const decimalString = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^-?\d{1,15}(\.\d{1,4})?$/.test(v), 'must be a decimal number like "1234.50"');

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like "EUR"');
