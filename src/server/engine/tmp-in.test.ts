import { it } from 'vitest';
import { createTestApp } from '../testing';
it('x', async () => {
  const app = await createTestApp();
  const a = await app.signup();
  app.fastify.log.error = console.error as never;
  await app.call('POST', '/api/v1/accounts', { as: a.cookie, body: { name: 'a', industry: 'Energy' } });
  const r = await app.call('POST', '/api/v1/accounts/query', {
    as: a.cookie,
    body: { filter: { field: 'industry', op: 'in', value: ['Energy'] } },
  });
  console.log(r.status, r.body);
  const r2 = await app.call('GET', '/api/v1/accounts?filter[employees][in]=1,2', { as: a.cookie });
  console.log(r2.status, r2.body);
  await app.close();
});
