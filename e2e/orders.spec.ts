import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

test('orders analysis shows prospect to payment by period, margins and revenue with growth', async ({
  page,
  workspace,
}, testInfo) => {
  const { session } = await workspace.get<{ session: { workspace: { baseCurrency: string } } }>(
    'auth/session',
  );
  await page.goto('/orders/analysis');
  // The reports are read by the one embedded database that every other request waits for.
  await expect(page.getByRole('heading', { name: 'Orders analysis' })).toBeVisible({ timeout: 30_000 });
  // The demo's won deals have orders, most of them paid: every step has a median.
  const steps = page.getByLabel('Median days of each step', { exact: true });
  await expect(steps).toContainText('First touch to paid');
  await expect(steps).toContainText(/\d days/);
  const chart = page.getByRole('figure', { name: 'Median days of each step by period of winning' });
  await expect(chart.locator('.recharts-line').first()).toBeVisible();
  const deals = page.getByRole('table', { name: 'Latest won deals, step by step' });
  await expect(deals.getByRole('link').first()).toBeVisible();
  await checkAccessibility(page, 'prospect to payment');
  await captureScreen(page, 'orders-analysis', testInfo.project.name === 'desktop');
  await page.getByText('By quarter').click();
  await expect(
    chart
      .locator('text')
      .filter({ hasText: /^\d{4}-Q\d$/ })
      .first(),
  ).toBeVisible();

  await page.getByRole('tab', { name: 'Margin' }).click();
  const byDeal = page.getByRole('table', { name: 'Margin by deal' });
  // Money in the reader's locale with the base currency's sign, as the browser writes it.
  const sign = await page.evaluate(
    (currency) =>
      new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(0).replace(/[\d.,\s]/g, ''),
    session.workspace.baseCurrency,
  );
  await expect(byDeal.getByRole('cell', { name: sign }).first()).toBeVisible();
  await page.getByText('By product').click();
  await expect(
    page.getByRole('table', { name: 'Margin by product' }).getByRole('link').first(),
  ).toBeVisible();
  await checkAccessibility(page, 'margins');

  await page.getByRole('tab', { name: 'Revenue' }).click();
  const revenue = page.getByRole('table', { name: 'Revenue and margin by period' });
  await expect(revenue.getByRole('row')).toHaveCount(13);
  await expect(revenue.getByRole('columnheader', { name: 'Margin vs last year' })).toBeVisible();
  // The demo's orders reach back more than a year: the latest month compares with the same month last year.
  await expect(revenue.getByRole('row').nth(1).getByRole('cell').nth(8)).toHaveText(/^(—|[+-]?[\d.,]+%)$/);
  await expect(
    page
      .getByRole('figure', { name: 'Revenue and margin by period' })
      .locator('.recharts-bar-rectangle')
      .first(),
  ).toBeVisible();
  await checkAccessibility(page, 'revenue by period');
});

test('the people who provision hear of an order’s moves, open its account and mark the notice read', async ({
  page,
  workspace,
  unique,
  baseURL,
}, testInfo) => {
  const { session } = await workspace.get<{ session: { user: { id: string } } }>('auth/session');
  const before = await workspace.get<{ notifyUserIds: string[] }>('order-settings');
  const put = (notifyUserIds: string[]) =>
    page.request.put('/api/v1/order-settings', {
      data: { notifyUserIds },
      headers: { origin: baseURL ?? '' },
    });
  expect((await put([...before.notifyUserIds, session.user.id])).ok()).toBe(true);
  try {
    const account = await workspace.post('accounts', { name: `Hooli ${unique}` });
    const deal = await workspace.post('deals', { name: `Hooli pilot ${unique}`, accountId: account.id });
    const product = await workspace.post('products', {
      sku: `BOX-${unique}`.toUpperCase(),
      name: `Box ${unique}`,
      unit: 'piece',
    });
    const quote = await workspace.post('quotes', {
      dealId: deal.id,
      lines: [{ productId: product.id, quantity: 2, unitPrice: '100.00' }],
    });
    const { token } = await workspace.post<{ token: string }>(`quotes/${quote.id}/share`, {});
    const accepted = await page.request.post(`/api/v1/public/quotes/${token}/accept`, {
      data: { name: 'Gavin' },
      headers: { origin: baseURL ?? '' },
    });
    expect(accepted.ok()).toBe(true);
    const [order] = (
      await workspace.get<{ data: { id: string; title: string }[] }>(`orders?filter[quoteId][eq]=${quote.id}`)
    ).data;
    await workspace.patch(`orders/${order.id}`, { status: 'provisioning' });

    // The header counts the unread notices and the navigation leads to them; a phone's header has no
    // room for the count (its navigation drawer has the same link).
    if (testInfo.project.name === 'desktop') {
      await page.goto('/');
      await expect(page.getByRole('link', { name: /Order notices, \d+ unread/ })).toHaveAttribute(
        'href',
        '/orders/notices',
        { timeout: 30_000 },
      );
      await page.getByRole('link', { name: 'Order notices', exact: true }).click();
    } else await page.goto('/orders/notices');
    await expect(page.getByRole('heading', { name: 'Order notices' })).toBeVisible();
    const notice = page.getByRole('listitem', { name: `${order.title}: Provisioning` });
    await expect(notice.getByText('New')).toBeVisible();
    await checkAccessibility(page, 'order notices');
    await captureScreen(page, 'order-notices', testInfo.project.name === 'desktop');
    await notice.getByRole('button', { name: 'Mark read' }).click();
    await expect(notice.getByText('New')).toHaveCount(0);
    await expect(notice.getByRole('button', { name: 'Mark read' })).toHaveCount(0);
    await notice.getByRole('link', { name: 'The account and its history' }).click();
    await expect(page).toHaveURL(new RegExp(`/o/accounts/${account.id}`));
    await expect(page.getByRole('heading', { name: `Hooli ${unique}` }).first()).toBeVisible();
  } finally {
    await put(before.notifyUserIds);
  }
});
