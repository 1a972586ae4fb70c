import { expect, test } from './fixtures';
import { checkAccessibility } from './checks';

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
