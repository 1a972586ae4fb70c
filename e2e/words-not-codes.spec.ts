import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';

// Issue #10 item 6: names, labels, currencies and written phone numbers where people expect words.
test('a record and its history show names, labels, money with its currency and phones as people write them', async ({
  page,
  workspace,
  unique,
}) => {
  const users = await workspace.get<{ data: { id: string; name: string }[] }>('users');
  const sam = users.data.find((u) => u.name === 'Sam Seller');
  if (!sam) throw new Error('the demo has Sam Seller');
  const account = await workspace.post('accounts', {
    name: `Words ${unique}`,
    annualRevenue: '57101000',
    phone: '+14155550142',
    industry: 'Retail',
  });
  await workspace.patch(`accounts/${account.id}`, {
    ownerId: sam.id,
    industry: 'Financial Services',
    phone: '+442079460958',
  });

  await page.goto(`/o/accounts/${account.id}`);
  await expect(page.getByText('$57,101,000.00').first()).toBeVisible();
  // The workspace is in the US: a UK number is written internationally.
  await expect(page.getByText('+44 20 7946 0958').first()).toBeVisible();

  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('tabpanel', { name: 'History' });
  await expect(history.getByText(/Owner:\s*Alex Admin\s*→\s*Sam Seller/)).toBeVisible();
  await expect(history.getByText(/Industry:\s*Retail\s*→\s*Financial Services/)).toBeVisible();
  await expect(history.getByText(/\(415\) 555-0142\s*→\s*\+44 20 7946 0958/)).toBeVisible();
  await expect(history.getByText(/[0-9a-f]{8}-[0-9a-f]{4}-/)).toHaveCount(0);
  await checkAccessibility(page, 'a history in words');
  if (test.info().project.name === 'desktop') await captureScreen(page, 'history-in-words', true);

  // Lists are short on space: money is compact there.
  const cols = encodeURIComponent(JSON.stringify(['name', 'annualRevenue', 'phone']));
  await page.goto(`/o/accounts?q=${encodeURIComponent(unique)}&cols=${cols}`);
  await expect(page.getByText('$57.1M')).toBeVisible();
});

test('field types are named in words in the admin fields table', async ({ page }) => {
  await page.goto('/admin');
  await page.getByRole('tab', { name: 'Fields' }).click();
  await expect(page.getByRole('cell', { name: 'Postal address' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'longtext', exact: true })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: 'reference', exact: true })).toHaveCount(0);
});

test('an export gives names, labels and the address part by part, with ids in their own columns', async ({
  page,
  workspace,
  unique,
}) => {
  const users = await workspace.get<{ data: { id: string; name: string }[] }>('users');
  const sam = users.data.find((u) => u.name === 'Sam Seller')!;
  const account = await workspace.post('accounts', {
    name: `Export ${unique}`,
    lifecycleStage: 'customer',
    billingAddress: { street: '1 Main St', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
  });
  await workspace.patch(`accounts/${account.id}`, { ownerId: sam.id });
  await page.goto(`/o/accounts?q=${encodeURIComponent(unique)}`);
  await expect(page.getByRole('link', { name: `Export ${unique}` }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'CSV (.csv)' }).click(),
  ]);
  const rows = parse(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''), {
    columns: true,
  }) as Record<string, string>[];
  const row = rows.find((r) => r.ID === account.id);
  expect(row).toMatchObject({
    ID: account.id,
    Name: `Export ${unique}`,
    'Lifecycle stage': 'Customer',
    Owner: 'Sam Seller',
    'Owner ID': sam.id,
    'Billing address: Street': '1 Main St',
    'Billing address: Postal code': '78701',
    'Billing address: City': 'Austin',
  });
  const headings = Object.keys(row!);
  expect(headings.indexOf('Billing address: Postal code')).toBe(
    headings.indexOf('Billing address: Street') + 1,
  );
});

test('the contact list exports to an address book as vCard, with the company by name', async ({
  page,
  workspace,
  unique,
}) => {
  const account = await workspace.post('accounts', { name: `Cards ${unique}` });
  await workspace.post('contacts', { firstName: 'Vera', lastName: `Card${unique}`, accountId: account.id });
  await page.goto(`/o/contacts?q=${encodeURIComponent(`Card${unique}`)}`);
  await expect(page.getByRole('link', { name: new RegExp(`Card${unique}`) }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Address book (.vcf)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.vcf$/);
  const cards = readFileSync(await download.path(), 'utf8');
  // The list's search applies (the demo holds 1,800 contacts); other tests' near names may match too.
  expect(cards.match(/BEGIN:VCARD/g)!.length).toBeLessThan(100);
  expect(cards).toContain(`FN:Vera Card${unique}\r\n`);
  expect(cards).toContain(`ORG:Cards ${unique}\r\n`);
});

test("an amount in the base currency reads in the base currency, whatever the record's own", async ({
  page,
  workspace,
  unique,
}) => {
  const rates = await workspace.get<{ data: { currency: string }[] }>('exchange-rates');
  if (!rates.data.some((r) => r.currency === 'CHF'))
    await workspace.post('exchange-rates', { currency: 'CHF', rate: '1.25', validFrom: '2000-01-01' });
  const pipelines = await workspace.get<{
    data: { id: string; stages: { id: string; outcome: string | null }[] }[];
  }>('pipelines');
  const [pipeline] = pipelines.data;
  const open = pipeline.stages.find((s) => s.outcome === null)!;
  const deal = await workspace.post<{ id: string; amountInBase: string }>('deals', {
    name: `Francs ${unique}`,
    pipelineId: pipeline.id,
    stageId: open.id,
    amount: '1000.00',
    currency: 'CHF',
    closeDate: '2026-12-31',
  });
  const inBase = Number(deal.amountInBase).toLocaleString('en-US', { minimumFractionDigits: 2 });
  await page.goto(`/o/deals/${deal.id}`);
  await expect(page.getByText(/CHF\s*1,000\.00/).first()).toBeVisible();
  await expect(page.getByText(`$${inBase}`).first()).toBeVisible();
});
