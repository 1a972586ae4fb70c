import { z } from 'zod';

export const orderStatuses = [
  'booked',
  'provisioning',
  'fulfilled',
  'invoiced',
  'paid',
  'cancelled',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderStatusLabels: Record<OrderStatus, string> = {
  booked: 'Booked',
  provisioning: 'Provisioning',
  fulfilled: 'Fulfilled',
  invoiced: 'Invoiced',
  paid: 'Paid',
  cancelled: 'Cancelled',
};
/** The order of the way forward; an order moves forward (steps may be skipped) or is cancelled until paid. */
export const orderProgress: OrderStatus[] = ['booked', 'provisioning', 'fulfilled', 'invoiced', 'paid'];

const positiveAmount = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine(
    (v) => /^\d{1,14}(\.\d{1,4})?$/.test(v) && Number(v) > 0,
    'must be an amount above 0, like "250.00"',
  );

export const payment = z
  .object({
    amount: positiveAmount,
    paidAt: z.iso.date({ message: 'must be a date like 2026-11-23' }),
    reference: z.string().trim().max(200).optional(),
  })
  .strict();
export type Payment = z.infer<typeof payment>;
export const payments = z.array(payment).max(500);

/** Who hears of every move of an order: the workspace's provisioning and support people. */
export const orderSettings = z
  .object({ notifyUserIds: z.array(z.uuid({ message: 'must be a user id' })).max(100) })
  .strict()
  .meta({ id: 'OrderSettings' });
export type OrderSettings = z.infer<typeof orderSettings>;

export const orderNotification = z
  .object({
    id: z.string(),
    orderId: z.string(),
    accountId: z.string().nullable(),
    title: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'OrderNotification' });
export type OrderNotification = z.infer<typeof orderNotification>;

export const cyclePeriods = ['month', 'quarter'] as const;
export const cycleQuery = z
  .object({
    from: z.iso.date({ message: 'must be a date like 2026-01-01' }).optional(),
    to: z.iso.date({ message: 'must be a date like 2026-12-31' }).optional(),
    period: z.enum(cyclePeriods).default('month'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** One won deal's way from first touch to payment, with the days between the steps. */
export const cycleRow = z.object({
  dealId: z.string(),
  dealName: z.string(),
  accountId: z.string().nullable(),
  firstTouchAt: z.string(),
  dealCreatedAt: z.string(),
  wonAt: z.string(),
  bookedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  daysToDeal: z.number(),
  daysToWin: z.number(),
  daysToBook: z.number().nullable(),
  daysToPay: z.number().nullable(),
  prospectToPaymentDays: z.number().nullable(),
});
/** How many deals were won and paid, and the median days of each step (null where no deal got that far). */
export const cycleMedians = z.object({
  wonDeals: z.number(),
  paidDeals: z.number(),
  medianDaysToDeal: z.number().nullable(),
  medianDaysToWin: z.number().nullable(),
  medianDaysToBook: z.number().nullable(),
  medianDaysToPay: z.number().nullable(),
  medianProspectToPaymentDays: z.number().nullable(),
  averageProspectToPaymentDays: z.number().nullable(),
});
/** The medians of the deals won in one month (`2026-11`) or quarter (`2026-Q4`). */
export const cyclePeriod = cycleMedians.extend({ period: z.string() });
export const cycleAnswer = z.object({
  data: z.array(cycleRow),
  overall: cycleMedians,
  byPeriod: z.array(cyclePeriod),
});
export type CycleAnswer = z.infer<typeof cycleAnswer>;

export const marginGroupings = ['deal', 'account', 'product', 'owner'] as const;
export const marginQuery = z
  .object({
    by: z.enum(marginGroupings),
    accountId: z.uuid({ message: 'must be an account id' }).optional(),
    from: z.iso.date({ message: 'must be a date like 2026-01-01' }).optional(),
    to: z.iso.date({ message: 'must be a date like 2026-12-31' }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export const marginRow = z.object({
  key: z.string().nullable(),
  name: z.string().nullable(),
  revenue: z.string(),
  cost: z.string(),
  margin: z.string(),
  marginPercent: z.string().nullable(),
});
export const marginAnswer = z.object({ currency: z.string(), data: z.array(marginRow) });
export type MarginAnswer = z.infer<typeof marginAnswer>;

export const revenueQuery = z
  .object({
    period: z.enum(['month', 'quarter', 'year']).default('month'),
    from: z.iso.date({ message: 'must be a date like 2026-01-01' }),
    to: z.iso.date({ message: 'must be a date like 2026-12-31' }),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'is before from', path: ['to'] });
export const revenueRow = z.object({
  period: z.string(),
  revenue: z.string(),
  margin: z.string(),
  previousRevenue: z.string(),
  revenueGrowthPercent: z.string().nullable(),
  lastYearRevenue: z.string(),
  revenueGrowthVsLastYearPercent: z.string().nullable(),
  marginGrowthPercent: z.string().nullable(),
  lastYearMargin: z.string(),
  marginGrowthVsLastYearPercent: z.string().nullable(),
});
export const revenueAnswer = z.object({ currency: z.string(), data: z.array(revenueRow) });
export type RevenueAnswer = z.infer<typeof revenueAnswer>;
