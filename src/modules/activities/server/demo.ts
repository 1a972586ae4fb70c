import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import { createFaker } from '../../../server/seed/people';
import type { RecordLink } from '../../../common/recordLink';
import { outcomes, type ActivityType } from '../contract';
import { rebuildFirstTouches } from './firstTouch';

const day = 86_400_000;
type Faker = ReturnType<typeof createFaker>;

/** How often each channel is used in the demo, roughly as a B2B sales team works. */
const mix: [ActivityType, number][] = [
  ['email', 30],
  ['call', 28],
  ['meeting', 12],
  ['note', 10],
  ['task', 8],
  ['sms', 4],
  ['visit', 3],
  ['chat', 3],
  ['social', 2],
];

const subjects: Record<ActivityType, string[]> = {
  call: ['Discovery call', 'Follow-up call', 'Pricing call', 'Check-in call', 'Renewal call'],
  meeting: [
    'Product demo',
    'Quarterly business review',
    'Kick-off meeting',
    'Security review',
    'Negotiation',
  ],
  email: ['Proposal sent', 'Re: pricing question', 'Meeting notes', 'Contract draft', 'Re: next steps'],
  note: [
    'Budget confirmed',
    'New decision maker',
    'Competitor in the deal',
    'Prefers email',
    'Expansion idea',
  ],
  task: [
    'Send the proposal',
    'Prepare the QBR deck',
    'Chase the signature',
    'Book the demo',
    'Update the forecast',
  ],
  sms: ['Running 5 minutes late', 'Confirmed for Tuesday', 'Thanks for today'],
  visit: ['On-site visit', 'Warehouse tour', 'Lunch with the team'],
  chat: ['Website chat: pricing', 'Support chat handed over', 'Chat about onboarding'],
  social: ['LinkedIn message', 'Commented on their post', 'LinkedIn connection accepted'],
};

const channels: Partial<Record<ActivityType, string[]>> = {
  meeting: ['Zoom', 'Teams', 'On site', 'Google Meet'],
  chat: ['Website', 'WhatsApp'],
  social: ['LinkedIn'],
};

function pick(faker: Faker): ActivityType {
  let roll = faker.number.int({ min: 0, max: 99 });
  for (const [type, share] of mix) {
    if (roll < share) return type;
    roll -= share;
  }
  return 'note';
}

interface DemoAccount {
  id: string;
  contacts: string[];
  deals: string[];
}

function demoActivity(faker: Faker, account: DemoAccount, owner: string, at: number, now: number) {
  const type = pick(faker);
  const links: RecordLink[] = [{ object: 'accounts', id: account.id }];
  if (account.contacts.length && faker.number.float() < 0.7)
    links.push({ object: 'contacts', id: faker.helpers.arrayElement(account.contacts) });
  if (account.deals.length && faker.number.float() < 0.3)
    links.push({ object: 'deals', id: faker.helpers.arrayElement(account.deals) });
  const task = type === 'task';
  const stamp = new Date(at).toISOString();
  return {
    id: uuidv7(),
    type,
    subject: faker.helpers.arrayElement(subjects[type]),
    direction: ['note', 'task'].includes(type) ? null : faker.helpers.arrayElement(['inbound', 'outbound']),
    channel: channels[type] ? faker.helpers.arrayElement(channels[type]) : null,
    body: faker.number.float() < 0.6 ? faker.lorem.sentences({ min: 1, max: 3 }) : null,
    occurred_at: task ? null : stamp,
    due_at: task ? stamp : null,
    duration_minutes:
      type === 'call'
        ? faker.number.int({ min: 2, max: 40 })
        : type === 'meeting'
          ? 30 * faker.number.int({ min: 1, max: 3 })
          : null,
    outcome: type === 'call' ? faker.helpers.arrayElement(outcomes) : null,
    done: task ? at < now : false,
    done_at: task && at < now ? stamp : null,
    priority: task ? faker.helpers.arrayElement(['low', 'normal', 'normal', 'high']) : null,
    assignee_id: owner,
    owner_id: owner,
    links,
    created_at: stamp,
  };
}

/** A few tasks, calls to make and a meeting for each user today, and something overdue. */
function todayFor(faker: Faker, accounts: DemoAccount[], owner: string, now: number) {
  const start = new Date(now).setUTCHours(8, 0, 0, 0);
  const plan: [ActivityType, number][] = [
    ['call', start + 1 * 3_600_000],
    ['call', start + 2 * 3_600_000],
    ['call', start + 5 * 3_600_000],
    ['task', start + 3 * 3_600_000],
    ['task', start - 2 * day],
    ['meeting', start + 6 * 3_600_000],
  ];
  return plan.map(([type, at]) => {
    const account = faker.helpers.arrayElement(accounts);
    const contact = account.contacts[0];
    const row = demoActivity(faker, account, owner, at, now);
    return {
      ...row,
      type,
      subject: type === 'call' ? 'Call back' : faker.helpers.arrayElement(subjects[type]),
      occurred_at: type === 'meeting' ? new Date(at).toISOString() : null,
      due_at: type === 'meeting' ? null : new Date(at).toISOString(),
      outcome: null,
      done: false,
      done_at: null,
      links: contact
        ? [
            { object: 'accounts', id: account.id },
            { object: 'contacts', id: contact },
          ]
        : row.links,
    };
  });
}

/**
 * The demo's activities: about `count` over two years across the demo accounts, their contacts and
 * deals, on every channel, plus today's tasks, calls and meetings for each user. Written in bulk
 * (a thousand rows a statement), as seed data with no history of its own.
 */
export async function seedActivityDemo(ctx: RequestContext, ownerIds: string[], count = 20_000) {
  const faker = createFaker(17);
  const now = Date.now();
  const ws = ctx.workspace.id;
  const accounts = await ctx.db.read((x) =>
    rows<DemoAccount>(
      x,
      sql`SELECT a.id,
          coalesce((SELECT array_agg(c.id) FROM contacts c WHERE c.workspace_id = a.workspace_id AND c.account_id = a.id AND c.deleted_at IS NULL), '{}') AS contacts,
          coalesce((SELECT array_agg(d.id) FROM deals d WHERE d.workspace_id = a.workspace_id AND d.account_id = a.id AND d.deleted_at IS NULL), '{}') AS deals
        FROM accounts a WHERE a.workspace_id = ${ws} AND a.deleted_at IS NULL ORDER BY a.id`,
    ),
  );
  if (accounts.length === 0) return;
  const planned = Array.from({ length: count }, () =>
    demoActivity(
      faker,
      faker.helpers.arrayElement(accounts),
      faker.helpers.arrayElement(ownerIds),
      now - faker.number.int({ min: 0, max: 730 * day }),
      now,
    ),
  );
  planned.push(...ownerIds.flatMap((owner) => todayFor(faker, accounts, owner, now)));
  const batch = 1000;
  for (let done = 0; done < planned.length; done += batch) {
    const part = JSON.stringify(planned.slice(done, done + batch));
    await ctx.db.write(async (tx) => {
      await tx.execute(sql`INSERT INTO activities (workspace_id, id, type, subject, direction, channel, body, body_format,
          occurred_at, due_at, duration_minutes, outcome, done, done_at, priority, assignee_id, owner_id, links,
          created_at, updated_at, created_by, search_text)
        SELECT ${ws}, r.id, r.type, r.subject, r.direction, r.channel, r.body, 'text', r.occurred_at, r.due_at,
          r.duration_minutes, r.outcome, r.done, r.done_at, r.priority, r.assignee_id, r.owner_id, r.links,
          r.created_at, r.created_at, r.owner_id, lower(r.subject)
        FROM jsonb_to_recordset(${part}::jsonb) AS r(id uuid, type text, subject text, direction text, channel text,
          body text, occurred_at timestamptz, due_at timestamptz, duration_minutes int, outcome text, done boolean,
          done_at timestamptz, priority text, assignee_id uuid, owner_id uuid, links jsonb, created_at timestamptz)`);
      await tx.execute(sql`INSERT INTO activity_links (workspace_id, activity_id, object, record_id, at, type, channel)
        SELECT ${ws}, r.id, l->>'object', (l->>'id')::uuid, coalesce(r.occurred_at, r.due_at), r.type, lower(r.channel)
        FROM jsonb_to_recordset(${part}::jsonb) AS r(id uuid, type text, channel text, occurred_at timestamptz, due_at timestamptz,
          links jsonb)
        CROSS JOIN LATERAL jsonb_array_elements(r.links) l`);
    });
  }
  // Written in bulk above, outside the activities' write path: the first touches it keeps follow.
  await ctx.db.write((tx) => rebuildFirstTouches(tx, ws));
}
