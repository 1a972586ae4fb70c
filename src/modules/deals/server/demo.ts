import { Decimal } from 'decimal.js';
import { sql, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows } from '../../../server/db/database';
import { refreshAmountsInBase } from './amountInBase';
import { type Registry, type RequestContext, writeTransaction } from '../../../server/engine';
import { createFaker } from '../../../server/seed/people';
import { leadSources, leadStatuses } from '../../contacts/contract';
import { dealContactRoles, type Pipeline, type Stage, type StageInput } from '../contract';
import { seedForecastDemo } from './forecast/demoForecast';
import { defaultPipeline, insertDefaultPipeline } from './pipelines';

const day = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
const date = (t: number) => iso(t).slice(0, 10);

interface Process {
  name: string;
  share: number;
  winRate: number;
  cycleDays: [number, number];
  /** log-normal amount: median and spread */
  amount: [number, number];
  lostReasons: string[];
}

const processes: Process[] = [
  {
    name: 'New business',
    share: 0.65,
    winRate: 0.28,
    cycleDays: [30, 150],
    amount: [24_000, 0.8],
    lostReasons: ['Price', 'Chose a competitor', 'No decision', 'Timing', 'Missing feature'],
  },
  {
    name: 'Renewals',
    share: 0.2,
    winRate: 0.8,
    cycleDays: [20, 60],
    amount: [15_000, 0.5],
    lostReasons: ['Budget cut', 'Switched vendor', 'Company closed'],
  },
  {
    name: 'Partners',
    share: 0.15,
    winRate: 0.4,
    cycleDays: [45, 200],
    amount: [9_000, 0.7],
    lostReasons: ['No fit', 'Partner went quiet'],
  },
];

const renewalStages: StageInput[] = [
  {
    name: 'Renewal due',
    probability: 60,
    requiredFields: ['closeDate'],
    playbook: 'Review usage and the account plan before the first call.',
  },
  { name: 'In discussion', probability: 75, checklist: ['Usage reviewed', 'Price increase agreed'] },
  {
    name: 'Committed',
    probability: 90,
    playbook: 'Send the renewal order form; chase the signature a week before the end date.',
  },
  { name: 'Renewed', probability: 100, outcome: 'won', requiredFields: ['wonReason'] },
  { name: 'Churned', probability: 0, outcome: 'lost' },
];
const partnerStages: StageInput[] = [
  { name: 'Introduced', probability: 10, playbook: 'Agree the joint target accounts and who leads.' },
  { name: 'Joint pitch', probability: 40, requiredFields: ['amount'], checklist: ['Partner briefed'] },
  { name: 'Agreement', probability: 70, checklist: ['Margin agreed'] },
  { name: 'Signed', probability: 100, outcome: 'won', requiredFields: ['wonReason'] },
  { name: 'Dropped', probability: 0, outcome: 'lost' },
];

/** The demo's three sales processes: the default one made enforcing, renewals enforcing, partners advisory. */
async function demoPipelines(ctx: RequestContext, registry: Registry): Promise<Pipeline[]> {
  await ctx.db.write((tx) => insertDefaultPipeline(tx, ctx.workspace.id));
  const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
  const main = (await ctx.db.read((x) => defaultPipeline(x, ctx.workspace.id)))!;
  const saved = await writeTransaction(ctx, objects, async (records) => [
    ...(await records.update('pipelines', [
      {
        id: main.id,
        body: { enforceCriteria: true, lostReasons: processes[0].lostReasons, staleAfterDays: 21 },
        path: '',
      },
    ])),
    ...(await records.create('pipelines', [
      {
        body: {
          name: 'Renewals',
          enforceCriteria: true,
          stages: renewalStages,
          lostReasons: processes[1].lostReasons,
          staleAfterDays: 14,
        },
        path: '0',
      },
      {
        body: {
          name: 'Partners',
          enforceCriteria: false,
          stages: partnerStages,
          lostReasons: processes[2].lostReasons,
          staleAfterDays: 45,
        },
        path: '1',
      },
    ])),
  ]);
  return saved.map((s) => s.record as unknown as Pipeline);
}

interface PlannedDeal {
  body: Record<string, unknown>;
  createdAt: number;
  closedAt: number | null;
  /** the stages it went through, with when it entered each */
  path: { stage: Stage; at: number }[];
}

/**
 * About 1,500 deals over the last two years with their stage histories: old deals closed (won or
 * lost at the stage they reached), recent ones open at the stage their age suggests, some slipping.
 */
function planDeals(
  faker: ReturnType<typeof createFaker>,
  pipelines: Pipeline[],
  accounts: { id: string; contacts: string[] }[],
  ownerIds: string[],
  count: number,
  now: number,
): PlannedDeal[] {
  return Array.from({ length: count }, () => {
    const roll = faker.number.float();
    const index = roll < processes[0].share ? 0 : roll < processes[0].share + processes[1].share ? 1 : 2;
    const process = processes[index];
    const pipeline = pipelines[index];
    const open = pipeline.stages.filter((s) => !s.outcome);
    const won = pipeline.stages.find((s) => s.outcome === 'won')!;
    const lost = pipeline.stages.find((s) => s.outcome === 'lost')!;
    // More deals recently than two years ago, as a growing business has.
    const createdAt = now - Math.ceil(730 * faker.number.float() ** 1.5) * day;
    const cycle = faker.number.int({ min: process.cycleDays[0], max: process.cycleDays[1] }) * day;
    const closes = createdAt + cycle;
    const closed = closes < now;
    const outcome = closed ? (faker.number.float() < process.winRate ? won : lost) : null;
    const reached =
      outcome === won
        ? open.length
        : outcome
          ? faker.number.int({ min: 1, max: open.length })
          : Math.max(1, Math.ceil(((now - createdAt) / cycle) * open.length));
    const passed = open.slice(0, Math.min(reached, open.length));
    const end = closed ? closes : now;
    const path = passed.map((stage, i) => ({
      stage,
      at: createdAt + Math.floor(((end - createdAt) * i) / (passed.length + (closed ? 0 : 0.5))),
    }));
    if (outcome) path.push({ stage: outcome, at: closes });
    const current = path[path.length - 1].stage;
    const account = faker.helpers.arrayElement(accounts);
    const people = faker.helpers.arrayElements(account.contacts, {
      min: 0,
      max: Math.min(3, account.contacts.length),
    });
    const amount = new Decimal(
      Math.exp(
        Math.log(process.amount[0]) + faker.number.float({ min: -1, max: 1 }) * process.amount[1] * 1.6,
      ),
    )
      .dividedBy(100)
      .round()
      .times(100)
      .toFixed(2);
    // A tenth of open deals have slipped: their close date is already behind them.
    const closeDate =
      !closed && faker.number.float() < 0.1 ? now - faker.number.int({ min: 3, max: 40 }) * day : closes;
    const ticked = Object.fromEntries(
      passed.slice(0, -1).flatMap((s) => s.checklist.map((item) => [item, true])),
    );
    return {
      createdAt,
      closedAt: outcome ? closes : null,
      path,
      body: {
        name: `${faker.company.buzzNoun().replace(/^./, (c) => c.toUpperCase())} ${faker.helpers.arrayElement(['rollout', 'expansion', 'pilot', 'licences', 'upgrade', 'renewal'])}`,
        accountId: account.id,
        contacts: people.map((contactId, i) => ({
          contactId,
          role: i === 0 ? 'decisionMaker' : faker.helpers.arrayElement(dealContactRoles),
        })),
        amount,
        currency: faker.helpers.weightedArrayElement([
          { value: 'USD', weight: 80 },
          { value: 'EUR', weight: 12 },
          { value: 'GBP', weight: 8 },
        ]),
        closeDate: date(closeDate),
        pipelineId: pipeline.id,
        stageId: current.id,
        ownerId: faker.helpers.arrayElement(ownerIds),
        source: faker.helpers.arrayElement(leadSources),
        campaign:
          faker.number.float() < 0.3
            ? faker.helpers.arrayElement([
                'Spring webinar',
                'Trade show Berlin',
                'Partner summit',
                'Q3 outbound push',
              ])
            : null,
        nextStep: outcome
          ? null
          : faker.helpers.arrayElement([
              'Call to agree next steps',
              'Send proposal',
              'Demo for the team',
              'Security review',
              'Meet the CFO',
            ]),
        competitors: faker.helpers.arrayElements(['Salesforce', 'HubSpot', 'Pipedrive', 'Zoho'], {
          min: 0,
          max: 2,
        }),
        checklist: ticked,
        lostReason: outcome === lost ? faker.helpers.arrayElement(process.lostReasons) : null,
        wonReason:
          outcome === won
            ? faker.helpers.arrayElement(['Best fit', 'Price', 'Relationship', 'Speed of rollout'])
            : null,
      },
    };
  });
}

/** Writes planned deals through the engine, then dates them and their stage history as planned. */
async function writeDeals(ctx: RequestContext, registry: Registry, planned: PlannedDeal[]) {
  const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
  const ws = ctx.workspace.id;
  const batch = 250;
  for (let done = 0; done < planned.length; done += batch) {
    const part = planned.slice(done, done + batch);
    await writeTransaction(ctx, objects, async (records, tx) => {
      const created = await records.create(
        'deals',
        part.map((p, i) => ({ body: p.body, path: `${done + i}` })),
      );
      const ids = `{${created.map((c) => c.id).join(',')}}`;
      await tx.execute(
        sql`DELETE FROM deal_stage_history WHERE workspace_id = ${ws} AND deal_id = ANY(${ids}::uuid[])`,
      );
      const entries = created.flatMap((c, i) =>
        part[i].path.map(
          (step, j, all) =>
            sql`(${ws}::uuid, ${uuidv7()}::uuid, ${c.id}::uuid, ${part[i].body.pipelineId as string}::uuid, ${step.stage.id}::uuid,
              ${iso(step.at)}::timestamptz, ${j + 1 < all.length ? iso(all[j + 1].at) : null}::timestamptz, 'user', ${part[i].body.ownerId as string}::uuid, 'Demo')`,
        ),
      );
      await tx.execute(sql`INSERT INTO deal_stage_history
        (workspace_id, id, deal_id, pipeline_id, stage_id, entered_at, left_at, actor_type, actor_id, actor_name)
        VALUES ${sql.join(entries, sql`, `)}`);
      const dates = created.map((c, i) => {
        const p = part[i];
        const last = p.path[p.path.length - 1].at;
        return sql`(${c.id}::uuid, ${iso(p.createdAt)}::timestamptz, ${iso(last)}::timestamptz, ${p.closedAt ? iso(p.closedAt) : null}::timestamptz)`;
      });
      await tx.execute(sql`UPDATE deals d SET created_at = v.created, updated_at = v.updated, closed_at = v.closed,
          stage_entered_at = v.updated
        FROM (VALUES ${sql.join(dates, sql`, `)}) AS v(id, created, updated, closed)
        WHERE d.workspace_id = ${ws} AND d.id = v.id`);
    });
  }
}

/** Monthly rates of the demo's other currencies into US dollars, for two years. */
async function writeExchangeRates(ctx: RequestContext, faker: ReturnType<typeof createFaker>, now: number) {
  const start = new Date(now - 760 * day);
  const values: SQL[] = [];
  for (let m = 0; m < 26; m++) {
    const month = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1)).getTime();
    for (const [currency, base] of [
      ['EUR', 1.08],
      ['GBP', 1.27],
    ] as const)
      values.push(
        sql`(${ctx.workspace.id}::uuid, ${uuidv7()}::uuid, ${currency}, 'USD', ${(base + faker.number.float({ min: -0.04, max: 0.04 })).toFixed(4)}::numeric, ${date(month)}::date)`,
      );
  }
  await ctx.db.write((tx) =>
    tx.execute(sql`INSERT INTO exchange_rates (workspace_id, id, currency, base_currency, rate, valid_from)
      VALUES ${sql.join(values, sql`, `)}`),
  );
}

/** About 600 leads, in every status, from every source; most work at a company already in the CRM. */
async function writeLeads(
  ctx: RequestContext,
  registry: Registry,
  faker: ReturnType<typeof createFaker>,
  accounts: { id: string; domain: string | null }[],
  ownerIds: string[],
  count: number,
) {
  const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
  const bodies = Array.from({ length: count }, (_, i) => {
    const status = leadStatuses[i % leadStatuses.length];
    const account = faker.number.float() < 0.6 ? faker.helpers.arrayElement(accounts) : null;
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
    return {
      body: {
        firstName,
        lastName,
        title: faker.person.jobTitle(),
        email: `${local}.${i}@${account?.domain ?? 'example.com'}`,
        accountId: account?.id ?? null,
        lifecycleStage: 'lead',
        leadStatus: status,
        leadSource: faker.helpers.arrayElement(leadSources),
        disqualifiedReason:
          status === 'disqualified'
            ? faker.helpers.arrayElement(['Student', 'No budget', 'Competitor', 'Too small'])
            : null,
        ownerId: faker.helpers.arrayElement(ownerIds),
      },
      path: `${i}`,
    };
  });
  await writeTransaction(ctx, objects, (records) => records.create('contacts', bodies));
}

/** The demo workspace's sales side: three pipelines, 1,500 deals over two years, rates, 600 leads. */
export async function seedSalesDemo(
  ctx: RequestContext,
  registry: Registry,
  ownerIds: string[],
  sizes = { deals: 1500, leads: 600 },
) {
  const faker = createFaker(11);
  const now = Date.now();
  const pipelines = await demoPipelines(ctx, registry);
  const ws = ctx.workspace.id;
  const accounts = await ctx.db.read((x) =>
    rows<{ id: string; domain: string | null; contacts: string[] }>(
      x,
      sql`SELECT a.id, a.domain, coalesce(array_agg(c.id) FILTER (WHERE c.id IS NOT NULL), '{}') AS contacts
        FROM accounts a LEFT JOIN contacts c ON c.workspace_id = a.workspace_id AND c.account_id = a.id AND c.deleted_at IS NULL
        WHERE a.workspace_id = ${ws} AND a.deleted_at IS NULL GROUP BY a.id, a.domain ORDER BY a.id`,
    ),
  );
  await writeDeals(ctx, registry, planDeals(faker, pipelines, accounts, ownerIds, sizes.deals, now));
  await writeExchangeRates(ctx, faker, now);
  await ctx.db.write((tx) => refreshAmountsInBase(tx, { workspaceId: ws }));
  await writeLeads(ctx, registry, faker, accounts, ownerIds, sizes.leads);
  await seedForecastDemo(ctx, registry, faker, now);
}
