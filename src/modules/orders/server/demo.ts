import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import { type Registry, type RequestContext, writeTransaction } from '../../../server/engine';
import { createFaker } from '../../../server/seed/people';
import { orderProgress, type OrderStatus } from '../contract';
import { rebuildOrderEconomics } from './economics';

const day = 86_400_000;

/**
 * Moves the demo's orders along: older ones delivered, invoiced and paid (some in two payments), recent
 * ones still in provisioning; then dates them from the deal's win, so cycle and margin views show shapes.
 */
export async function seedOrdersDemo(ctx: RequestContext, registry: Registry) {
  const faker = createFaker(16);
  const ws = ctx.workspace.id;
  const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
  const booked = await ctx.db.read((x) =>
    rows<{ id: string; total: string; won: string }>(
      x,
      sql`SELECT o.id, o.total::text, q.accepted_at::text AS won FROM orders o
        JOIN quotes q ON q.workspace_id = o.workspace_id AND q.id = o.quote_id
        WHERE o.workspace_id = ${ws} AND o.deleted_at IS NULL AND o.status = 'booked' ORDER BY o.id`,
    ),
  );
  const now = Date.now();
  const plan = booked.map((o) => {
    const bookedAt = new Date(o.won).getTime() + faker.number.int({ min: 0, max: 6 }) * day;
    const paidAt = bookedAt + faker.number.int({ min: 14, max: 75 }) * day;
    const age = (now - bookedAt) / day;
    const status: OrderStatus =
      paidAt < now ? 'paid' : age > 20 ? 'invoiced' : age > 7 ? 'fulfilled' : 'provisioning';
    const split = faker.number.float() < 0.3;
    const half = (Math.round(Number(o.total) * 50) / 100).toFixed(2);
    const payments =
      status !== 'paid'
        ? []
        : split
          ? [
              { amount: half, paidAt: new Date(paidAt - 20 * day).toISOString().slice(0, 10) },
              {
                amount: (Number(o.total) - Number(half)).toFixed(2),
                paidAt: new Date(paidAt).toISOString().slice(0, 10),
              },
            ]
          : [{ amount: o.total, paidAt: new Date(paidAt).toISOString().slice(0, 10) }];
    return { id: o.id, status, payments, bookedAt, paidAt };
  });
  const batch = 200;
  for (let done = 0; done < plan.length; done += batch) {
    const part = plan.slice(done, done + batch);
    await writeTransaction(ctx, objects, async (records, tx) => {
      const moving = part.filter((p) => p.status !== 'paid');
      if (moving.length)
        await records.update(
          'orders',
          moving.map((p) => ({ id: p.id, body: { status: p.status }, path: '' })),
        );
      const paying = part.filter((p) => p.status === 'paid');
      if (paying.length)
        await records.update(
          'orders',
          paying.map((p) => ({ id: p.id, body: { status: 'invoiced', payments: p.payments }, path: '' })),
        );
      const step = (p: (typeof part)[number], s: OrderStatus) => {
        const reached = orderProgress.indexOf(s) <= orderProgress.indexOf(p.status);
        const at =
          p.bookedAt + ((p.paidAt - p.bookedAt) * orderProgress.indexOf(s)) / (orderProgress.length - 1);
        return reached ? new Date(Math.min(at, now)).toISOString() : null;
      };
      const dates = part.map(
        (p) =>
          sql`(${p.id}::uuid, ${step(p, 'booked')}::timestamptz, ${step(p, 'provisioning')}::timestamptz, ${step(p, 'fulfilled')}::timestamptz, ${step(p, 'invoiced')}::timestamptz, ${step(p, 'paid')}::timestamptz)`,
      );
      await tx.execute(sql`UPDATE orders o SET booked_at = v.b, created_at = v.b, provisioning_at = v.pr, fulfilled_at = v.f,
          invoiced_at = v.i, paid_at = v.p
        FROM (VALUES ${sql.join(dates, sql`, `)}) AS v(id, b, pr, f, i, p) WHERE o.workspace_id = ${ws} AND o.id = v.id`);
      await tx.execute(sql`UPDATE order_lines l SET booked_at = o.booked_at FROM orders o
        WHERE l.workspace_id = ${ws} AND o.workspace_id = l.workspace_id AND o.id = l.order_id
          AND o.id = ANY(${`{${part.map((p) => p.id).join(',')}}`}::uuid[])`);
    });
  }
  // The booking days moved above, outside the orders' write path: their kept sums follow.
  await writeTransaction(ctx, objects, (_records, tx) => rebuildOrderEconomics(tx, ws));
  return plan.length;
}
