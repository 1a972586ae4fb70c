import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { insertUser, teams, users, workspaces } from '../../modules/auth/server';
import { seedActivityDemo } from '../../modules/activities/server';
import { seedCatalogDemo } from '../../modules/catalog/server';
import { insertDefaultDashboards } from '../../modules/insights/server';
import { seedSalesDemo } from '../../modules/deals/server';
import { seedLeadDemo } from '../../modules/leads/server';
import { seedOrdersDemo } from '../../modules/orders/server';
import { seedQuotesDemo } from '../../modules/quotes/server';
import type { Database } from '../db/database';
import type { Registry } from '../engine/registry';
import { writeTransaction } from '../engine/records';
import { sweep } from '../maintenance';
import { systemContext } from './context';
import { demoLogin } from './demoSignIn';
import { createFaker, fakeAccount, fakeContact } from './people';

const demoUsers = [
  { email: demoLogin.email, name: 'Alex Admin', role: 'admin' as const },
  { email: 'manager@demo.rapport.test', name: 'Morgan Manager', role: 'manager' as const },
  { email: 'rep1@demo.rapport.test', name: 'Riley Rep', role: 'rep' as const },
  { email: 'rep2@demo.rapport.test', name: 'Sam Seller', role: 'rep' as const },
];

/**
 * The demo workspace: four users in one team, about 300 accounts and 1,200 contacts, the same every time;
 * three pipelines with 1,500 deals over two years and 600 leads; 20,000 activities and each user's day;
 * 60 products, and an accepted quote and an order (moved along, mostly paid) for each won deal in USD or EUR.
 */
export async function createDemoWorkspace(
  db: Database,
  registry: Registry,
  sizes = { accounts: 300, contacts: 1200 },
) {
  const workspaceId = uuidv7();
  const teamId = uuidv7();
  const userIds = await db.write(async (tx) => {
    await tx.insert(workspaces).values({ id: workspaceId, name: 'Demo: Northwind Trading' });
    await tx.insert(teams).values({ workspaceId, id: teamId, name: 'Field Sales' });
    const ids: string[] = [];
    for (const u of demoUsers)
      ids.push(
        await insertUser(tx, workspaceId, {
          ...u,
          password: demoLogin.password,
          teamId: u.role === 'admin' ? null : teamId,
        }),
      );
    return ids;
  });
  await seedRecords(db, registry, workspaceId, userIds.slice(1), sizes, 2026);
  const ctx = await systemContext(db, workspaceId, userIds[0]);
  await seedSalesDemo(ctx, registry, userIds.slice(1));
  await seedActivityDemo(ctx, userIds);
  await seedLeadDemo(ctx);
  await seedCatalogDemo(ctx, registry);
  await seedQuotesDemo(ctx, registry);
  await seedOrdersDemo(ctx, registry);
  await db.write((tx) => insertDefaultDashboards(tx, workspaceId));
  return { workspaceId, userIds };
}

/** Fills a workspace through the engine's write path in batches: accounts first, then contacts linked to them. */
export async function seedRecords(
  db: Database,
  registry: Registry,
  workspaceId: string,
  ownerIds: string[],
  sizes: { accounts: number; contacts: number },
  seed: number,
  onProgress?: (done: number) => void,
) {
  const [admin] = await db.read((x) =>
    x.select().from(users).where(eq(users.workspaceId, workspaceId)).limit(1),
  );
  const ctx = await systemContext(db, workspaceId, admin.id);
  const objects = await registry.objects(db, ctx.workspace, ctx.role);
  const faker = createFaker(seed);
  const owner = () => faker.helpers.arrayElement(ownerIds);
  const batch = 1000;
  const accounts: { id: string; domain: string }[] = [];
  for (let done = 0; done < sizes.accounts; done += batch) {
    const bodies = Array.from({ length: Math.min(batch, sizes.accounts - done) }, (_, i) => ({
      body: fakeAccount(faker, owner()),
      path: `${done + i}`,
    }));
    const created = await writeTransaction(ctx, objects, (records) => records.create('accounts', bodies));
    accounts.push(...created.map((s) => s.record as { id: string; domain: string }));
  }
  for (let done = 0; done < sizes.contacts; done += batch) {
    const bodies = Array.from({ length: Math.min(batch, sizes.contacts - done) }, (_, i) => {
      const account =
        faker.number.float() < 0.92 && accounts.length ? faker.helpers.arrayElement(accounts) : null;
      return { body: fakeContact(faker, account, owner()), path: `${done + i}` };
    });
    await writeTransaction(ctx, objects, (records) => records.create('contacts', bodies));
    onProgress?.(done + bodies.length);
    // As the maintenance job does after bulk writes: the embedded database has no autovacuum, and its
    // planner, believing the growing tables empty, would make each batch's checks slower than the last.
    if ((done / batch) % 5 === 4) await sweep(db);
  }
}
