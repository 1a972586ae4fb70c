import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

test('a quote built from a deal is approved, accepted through the customer link, and becomes an order', async ({
  page,
  workspace,
  unique,
  baseURL,
}, testInfo) => {
  const desktop = testInfo.project.name === 'desktop';
  const settings = await page.request.patch('/api/v1/quote-settings', {
    data: { approvalDiscountPercent: '10' },
    headers: { origin: baseURL ?? '' },
  });
  expect(settings.ok()).toBe(true);
  const account = await workspace.post('accounts', { name: `Initech ${unique}` });
  const deal = await workspace.post('deals', {
    name: `Initech rollout ${unique}`,
    accountId: account.id,
    currency: 'EUR',
    amount: '1000',
  });
  await workspace.post('products', {
    sku: `KIT-${unique}`.toUpperCase(),
    name: `Starter kit ${unique}`,
    unit: 'kit',
  });

  await page.goto(`/o/deals/${deal.id}`);
  await page.getByRole('button', { name: 'New quote' }).click();
  await expect(page.getByRole('heading', { name: /Lines · Draft/ })).toBeVisible();
  await page.getByRole('button', { name: 'Add line' }).click();
  await page.getByRole('combobox', { name: 'Product of line 1' }).click();
  await page.getByRole('combobox', { name: 'Product of line 1' }).fill(`Starter kit ${unique}`);
  await page.getByRole('option', { name: new RegExp(`Starter kit ${unique}`) }).click();
  await page.getByLabel('Quantity of line 1').fill('4');
  await page.getByLabel('Unit price of line 1').fill('250');
  await page.getByLabel('Discount of line 1').fill('15');
  // Live, before saving: 4 × 250 = 1000.00, 15% off → 850.00, no tax
  await expect(page.getByTestId('quote-total')).toHaveText('850.00 EUR');
  await page.getByRole('button', { name: 'Save lines' }).click();
  await expect(page.getByTestId('quote-discounts')).toHaveText('150.00 EUR');
  if (desktop) await captureScreen(page, 'quote-builder', true);
  await checkAccessibility(page, 'quote builder');

  await page.getByRole('textbox', { name: 'Approval comment' }).fill('First year discount');
  await page.getByRole('button', { name: 'Send for approval' }).click();
  await expect(page.getByRole('heading', { name: /Lines · Pending approval/ })).toBeVisible();
  await page.goto('/approvals');
  await page.getByRole('link', { name: new RegExp(`Initech rollout ${unique}`) }).click();
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('heading', { name: /Lines · Approved/ })).toBeVisible();
  await page.getByRole('button', { name: 'Share with the customer' }).click();
  const link = (await page.getByTestId('quote-link').textContent()) ?? '';
  expect(link).toMatch(/\/q\/rq_/);

  const customer = await page.context().browser()!.newPage();
  await customer.goto(new URL(link).pathname);
  await expect(customer.getByRole('heading', { name: /quote Q-\d{5} v1/ })).toBeVisible();
  await expect(customer.getByText('850.00').first()).toBeVisible();
  await customer.getByLabel('Your name').fill('Peter Gibbons');
  await customer.getByRole('button', { name: 'Accept the quote' }).click();
  await expect(customer.getByText('Thank you, Peter Gibbons: the quote is accepted.')).toBeVisible();
  if (desktop) await captureScreen(customer, 'quote-customer-page', true);
  await customer.close();

  await page.goto(`/o/accounts/${account.id}`);
  await expect(
    page.getByRole('link', { name: new RegExp(`Order for .*Initech rollout ${unique}`) }),
  ).toBeVisible();
  await expect(page.getByText('850.00 EUR · Booked')).toBeVisible();
  await page.getByRole('link', { name: new RegExp(`Order for .*Initech rollout ${unique}`) }).click();
  await expect(page.getByText('Booked').first()).toBeVisible();
  await page.request.patch('/api/v1/quote-settings', {
    data: { approvalDiscountPercent: null },
    headers: { origin: baseURL ?? '' },
  });
});
