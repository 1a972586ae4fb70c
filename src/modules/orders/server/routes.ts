import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import { assertRecordId, getRecordJson, writeTransaction } from '../../../server/engine';
import {
  cycleAnswer,
  cycleQuery,
  marginAnswer,
  marginQuery,
  orderNotification,
  orderSettings,
  payment,
  revenueAnswer,
  revenueQuery,
  type Payment,
} from '../contract';
import { assertSeesCost, marginBy, revenueByPeriod } from './margins';
import { prospectToPayment } from './prospectToPayment';
import { markNotificationRead, myOrderNotifications, orderSettingsOf, updateOrderSettings } from './settings';

export function orderRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry } = platform;
  const id = (request: FastifyRequest) => {
    const value = (request.params as { id: string }).id;
    assertRecordId(value);
    return value;
  };
  const object = async (request: FastifyRequest, name: string) => {
    const ctx = await platform.authenticate(request);
    return { ctx, object: await registry.object(ctx.db, ctx.workspace, name, ctx.role) };
  };

  openapi.add({
    method: 'post',
    path: '/orders/{id}/payments',
    tag: 'Orders',
    summary: 'Record a payment; the order is paid once its payments cover the total',
    body: payment,
    response: z.record(z.string(), z.unknown()),
    status: 201,
  });
  app.post('/api/v1/orders/:id/payments', async (request, reply) => {
    const { ctx, object: orders } = await object(request, 'orders');
    const orderId = id(request);
    const input = parse(payment, request.body);
    const order = JSON.parse(await getRecordJson(ctx, orders, orderId)) as { payments: Payment[] };
    const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
    const [saved] = await writeTransaction(ctx, objects, (records) =>
      records.update('orders', [{ id: orderId, body: { payments: [...order.payments, input] }, path: '' }]),
    );
    return reply.status(201).type('application/json').send(saved.json);
  });

  openapi.add({
    method: 'get',
    path: '/order-settings',
    tag: 'Orders',
    summary: 'Who is notified of every move of an order (provisioning and support people)',
    response: orderSettings,
  });
  app.get('/api/v1/order-settings', async (request) => orderSettingsOf(await platform.authenticate(request)));
  openapi.add({
    method: 'put',
    path: '/order-settings',
    tag: 'Orders',
    summary: 'Name the people notified of order moves (admin)',
    body: orderSettings,
    response: orderSettings,
  });
  app.put('/api/v1/order-settings', async (request) =>
    updateOrderSettings(await platform.authenticate(request), parse(orderSettings, request.body)),
  );

  openapi.add({
    method: 'get',
    path: '/orders/notifications',
    tag: 'Orders',
    summary: "The signed-in user's notices of order moves, newest first",
    response: z.object({ data: z.array(orderNotification) }),
  });
  app.get('/api/v1/orders/notifications', async (request) => ({
    data: await myOrderNotifications(await platform.authenticate(request)),
  }));
  openapi.add({
    method: 'post',
    path: '/orders/notifications/{id}/read',
    tag: 'Orders',
    summary: 'Mark a notice read',
  });
  app.post('/api/v1/orders/notifications/:id/read', async (request, reply) => {
    await markNotificationRead(await platform.authenticate(request), id(request));
    return reply.status(204).send();
  });

  openapi.add({
    method: 'get',
    path: '/orders/cycle',
    tag: 'Orders',
    summary:
      'Prospect to payment: for won deals, first touch (first activity or lifecycle change), created, won, booked, paid, the days between, and their medians by month or quarter',
    query: {
      from: 'won on or after (YYYY-MM-DD)',
      to: 'won on or before',
      period: 'month | quarter (default month): how the medians are grouped',
      limit: '1 to 500 deals (default 100)',
    },
    response: cycleAnswer,
  });
  app.get('/api/v1/orders/cycle', async (request) => {
    const { ctx, object: deals } = await object(request, 'deals');
    return prospectToPayment(ctx, deals, parse(cycleQuery, request.query));
  });

  openapi.add({
    method: 'get',
    path: '/orders/margin',
    tag: 'Orders',
    summary:
      'Revenue, cost and margin in the base currency by deal, account, product or owner (roles that see cost prices)',
    query: {
      by: 'deal | account | product | owner',
      from: 'booked on or after',
      to: 'booked on or before',
      limit: '1 to 500',
    },
    response: marginAnswer,
  });
  app.get('/api/v1/orders/margin', async (request) => {
    const { ctx, object: products } = await object(request, 'products');
    assertSeesCost(products);
    const orders = await registry.object(ctx.db, ctx.workspace, 'orders', ctx.role);
    return marginBy(ctx, orders, parse(marginQuery, request.query));
  });

  openapi.add({
    method: 'get',
    path: '/orders/revenue',
    tag: 'Orders',
    summary:
      'Revenue and margin per month, quarter or year, with growth against the previous period and last year',
    query: { period: 'month | quarter | year', from: 'first day (YYYY-MM-DD)', to: 'last day' },
    response: revenueAnswer,
  });
  app.get('/api/v1/orders/revenue', async (request) => {
    const { ctx, object: products } = await object(request, 'products');
    assertSeesCost(products);
    const orders = await registry.object(ctx.db, ctx.workspace, 'orders', ctx.role);
    return revenueByPeriod(ctx, orders, parse(revenueQuery, request.query));
  });
}
