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
  // The PDF shows in the page, reloaded with the saved lines; the link still opens it on its own.
  await expect(page.getByRole('link', { name: 'Open the PDF' })).toHaveAttribute(
    'href',
    /\/api\/v1\/quotes\/[0-9a-f-]{36}\/pdf$/,
  );
  const preview = page.getByTitle('PDF preview of the quote');
  await expect(preview).toHaveAttribute('src', /\/api\/v1\/quotes\/[0-9a-f-]{36}\/pdf\?version=\d+$/);
  const previewUrl = new URL((await preview.getAttribute('src'))!, page.url()).href;
  await expect
    .poll(() => page.frame({ url: previewUrl })?.evaluate(() => document.contentType) ?? null)
    .toBe('application/pdf');
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
  // Sharing the link marked the quote sent: the account's timeline shows it, with its PDF.
  await expect(page.getByText(/Q-\d{5} v1 sent/).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Quote PDF' }).first()).toHaveAttribute(
    'href',
    /\/api\/v1\/quotes\/[0-9a-f-]{36}\/pdf$/,
  );
  // The account's timeline has the order's booking, naming the accepted quote.
  const quoteLabel = (
    (await page
      .getByText(/Q-\d{5} v1 sent/)
      .first()
      .textContent()) ?? ''
  ).replace(/ sent$/, '');
  await expect(page.getByText(`Order booked from ${quoteLabel}`).first()).toBeVisible();
  await page.getByRole('link', { name: new RegExp(`Order for .*Initech rollout ${unique}`) }).click();
  await expect(page.getByText('Booked').first()).toBeVisible();
  // The order's own timeline: booked from the accepted quote, with that quote's PDF.
  const orderTimeline = page.getByRole('region', { name: 'Timeline' });
  await expect(orderTimeline.getByText(`Order booked from ${quoteLabel}`)).toBeVisible();
  await expect(
    orderTimeline.getByText(`${quoteLabel} accepted and booked as this order: EUR 850.00.`),
  ).toBeVisible();
  await expect(orderTimeline.getByRole('link', { name: 'Quote PDF' })).toHaveAttribute(
    'href',
    /\/api\/v1\/quotes\/[0-9a-f-]{36}\/pdf$/,
  );
  await checkAccessibility(page, 'order page');
  await page.request.patch('/api/v1/quote-settings', {
    data: { approvalDiscountPercent: null },
    headers: { origin: baseURL ?? '' },
  });
});

test('an admin edits a price book’s list prices, validity and volume tiers in one place', async ({
  page,
  workspace,
  unique,
}) => {
  const product = await workspace.post('products', {
    sku: `DESK-${unique}`.toUpperCase(),
    name: `Standing desk ${unique}`,
    unit: 'piece',
  });
  const second = await workspace.post('products', {
    sku: `CHAIR-${unique}`.toUpperCase(),
    name: `Task chair ${unique}`,
    unit: 'piece',
  });
  const book = await workspace.post('priceBooks', {
    name: `Partners ${unique}`,
    currency: 'EUR',
    isStandard: false,
    entries: [{ productId: product.id, listPrice: '400.00' }],
  });

  await page.goto(`/o/priceBooks/${book.id}`);
  const desk = `Standing desk ${unique} (${`DESK-${unique}`.toUpperCase()})`;
  await expect(page.getByRole('heading', { name: 'List prices (EUR)' })).toBeVisible();
  await page.getByLabel(`List price of ${desk}`).fill('380.00');
  await page.getByLabel(`Valid from, ${desk}`).fill('2026-01-01');
  await page.getByLabel(`Volume tiers of ${desk}`).fill('10: 350; lots: 3');
  await page.getByRole('button', { name: 'Save prices' }).click();
  await expect(page.getByText('"lots: 3" is not "quantity: price"')).toBeVisible();
  await page.getByLabel(`Volume tiers of ${desk}`).fill('10: 350; 50: 320.50');

  await page.getByRole('button', { name: 'Add a price' }).click();
  await page.getByRole('combobox', { name: 'Product of price 2' }).click();
  await page.getByRole('option', { name: new RegExp(`Task chair ${unique}`) }).click();
  await page.getByLabel(new RegExp(`^List price of Task chair ${unique}`)).fill('-5');
  await page.getByRole('button', { name: 'Save prices' }).click();
  await expect(page.getByText(/must be a price of 0 or more/).first()).toBeVisible();
  await page.getByLabel(new RegExp(`^List price of Task chair ${unique}`)).fill('129.90');
  await page.getByRole('button', { name: 'Save prices' }).click();
  await expect(page.getByText('Prices saved')).toBeVisible();
  await checkAccessibility(page, 'price book prices');

  const saved = await workspace.get<{ entries: unknown[] }>(`priceBooks/${book.id}`);
  expect(saved.entries).toMatchObject([
    {
      productId: product.id,
      listPrice: '380.00',
      validFrom: '2026-01-01',
      tiers: [
        { minQuantity: 10, listPrice: '350' },
        { minQuantity: 50, listPrice: '320.50' },
      ],
    },
    { productId: second.id, listPrice: '129.90' },
  ]);
});
