import type { Page } from '@playwright/test';
import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

interface Session {
  session: { workspace: { baseCurrency: string } };
}
interface User {
  id: string;
  name: string;
  role: string;
  disabled: boolean;
}
interface Quota {
  id: string;
  ownerId: string | null;
  amount: string;
}
interface Forecast {
  rows: { key: string; name: string }[];
}

/** The fiscal quarter today is in, named as the server names it (by the year the fiscal year starts in). */
function currentQuarter(startMonth: number): string {
  const today = new Date();
  const month = today.getUTCMonth() + 1;
  const year = month >= startMonth ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  return `${year}-Q${Math.floor(((month - startMonth + 12) % 12) / 3) + 1}`;
}

/** The first day of that quarter, as the forecast page writes its range. */
function quarterStart(startMonth: number): string {
  const today = new Date();
  const sinceStart = (today.getUTCMonth() + 1 - startMonth + 12) % 12;
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - (sinceStart % 3), 1));
  return first.toISOString().slice(0, 10);
}

/** The page does not scroll sideways (the phone project runs at 375 px). */
const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('an admin sets the fiscal year, a quota and an exchange rate on the forecast settings screen', async ({
  page,
  workspace,
  guard,
}, testInfo) => {
  const { session } = await workspace.get<Session>('auth/session');
  const base = session.workspace.baseCurrency;
  const original = await workspace.get<{ fiscalYearStartMonth: number }>('forecast/settings');
  // April, or May when the workspace already starts in April, so saving always changes the names.
  const startMonth = original.fiscalYearStartMonth === 4 ? 5 : 4;
  const monthName = startMonth === 4 ? 'April' : 'May';
  const period = currentQuarter(startMonth);
  const users = (await workspace.get<{ data: User[] }>('users')).data;
  let quotaBefore: Quota | undefined;
  let rep: User | undefined;

  try {
    await page.goto('/forecast');
    await page.getByRole('link', { name: 'Quotas, fiscal year and rates' }).click();
    await expect(page.getByRole('heading', { name: 'Forecast settings', level: 1 })).toBeVisible();

    // The fiscal year: saving renames the periods, here and on the forecast page.
    const fiscal = page.getByRole('form', { name: 'Fiscal year' });
    await fiscal.getByRole('combobox', { name: 'Fiscal year starts in' }).click();
    await page.getByRole('option', { name: monthName, exact: true }).click();
    await expect(fiscal).toContainText(`today is in ${period}`);
    await fiscal.getByRole('button', { name: 'Save fiscal year' }).click();
    await expect(page.getByText(`this quarter is ${period}`)).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Quota period' })).toHaveValue(period);

    // A rep who is on this quarter's forecast gets a quota.
    const forecast = await workspace.get<Forecast>(`forecast?period=${period}`);
    rep = users.find((u) => u.role === 'rep' && !u.disabled && forecast.rows.some((r) => r.key === u.id));
    if (!rep) throw new Error('no rep on the demo forecast');
    quotaBefore = (await workspace.get<{ data: Quota[] }>(`quotas?period=${period}`)).data.find(
      (q) => q.ownerId === rep?.id,
    );
    const quotas = page.getByRole('table', { name: `Quotas for ${period}` });
    const amount = quotas.getByRole('textbox', { name: `Quota of ${rep.name} (${base})` });
    const saveQuota = quotas.getByRole('button', { name: `Save the quota of ${rep.name}` });
    await amount.fill('-5');
    await guard.allow(400, /\/api\/v1\/quotas$/, async () => {
      await saveQuota.click();
      await expect(quotas).toContainText('Amount must be an amount of zero or more, with at most 2 decimals');
      expect(await noSidewaysScroll(page)).toBe(true);
    });
    await amount.fill('123456.78');
    await saveQuota.click();
    await expect(page.getByText(`${rep.name}'s quota for ${period} is`)).toBeVisible();
    await expect(quotas.getByRole('button', { name: `Remove the quota of ${rep.name}` })).toBeVisible();

    // An exchange rate: a comma is refused in the server's words, a decimal point goes through.
    const rates = page.getByRole('form', { name: 'Add an exchange rate' });
    await rates.getByRole('combobox', { name: 'Currency' }).fill('CHF');
    await page.getByRole('option', { name: 'CHF', exact: true }).click();
    await rates.getByLabel(/^Rate/).fill('0,9312');
    await rates.getByLabel(/^From/).fill('2021-03-15');
    await guard.allow(400, /\/api\/v1\/exchange-rates$/, async () => {
      await rates.getByRole('button', { name: 'Add rate' }).click();
      await expect(rates).toContainText('must be a positive decimal number');
    });
    await checkAccessibility(page, 'forecast settings with a refused rate');
    await rates.getByLabel(/^Rate/).fill('0.9312');
    await rates.getByRole('button', { name: 'Add rate' }).click();
    const rateTable = page.getByRole('table', { name: 'Exchange rates' });
    const chf = rateTable.getByRole('row').filter({ hasText: `1 CHF = 0.9312 ${base}` });
    await expect(chf).toContainText('2021-03-15');

    await checkAccessibility(page, 'forecast settings');
    expect(await noSidewaysScroll(page)).toBe(true);
    // The screenshots show the screen, not the confirmations that close by themselves.
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
    const publish = testInfo.project.name === 'desktop';
    await captureScreen(page, 'forecast-settings', publish, () => page.evaluate(() => window.scrollTo(0, 0)));
    await captureScreen(page, 'forecast-settings-rates', publish, () =>
      page.getByRole('heading', { name: 'Exchange rates' }).evaluate((h) => h.scrollIntoView()),
    );

    await rateTable.getByRole('button', { name: 'Remove the CHF rate from 2021-03-15' }).click();
    // Removing a rate changes how deals convert and cannot be undone: it asks first.
    const confirm = page.getByRole('dialog', { name: 'Remove the CHF rate from 2021-03-15?' });
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(chf).toHaveCount(1);
    await rateTable.getByRole('button', { name: 'Remove the CHF rate from 2021-03-15' }).click();
    await confirm.getByRole('button', { name: 'Remove the rate' }).click();
    await expect(chf).toHaveCount(0);
    await expect(page.getByText('The CHF rate from 2021-03-15 was removed')).toBeVisible();

    // The forecast page names its periods by the new fiscal year and shows the rep's quota.
    await page.getByRole('link', { name: 'Open the forecast' }).click();
    await expect(page.getByRole('combobox', { name: 'Period' })).toHaveValue(period);
    await expect(page.getByText(`${quarterStart(startMonth)} to `)).toBeVisible();
    const money = await page.evaluate(
      (currency) => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(123456.78),
      base,
    );
    const repRow = page
      .getByRole('table', { name: 'Forecast rollup' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: rep.name, exact: true }) });
    await expect(repRow.getByRole('cell').nth(1)).toHaveText(money);
  } finally {
    // The desktop and phone runs, and the other specs, share the demo workspace: put it back.
    if (rep) {
      const now = (await workspace.get<{ data: Quota[] }>(`quotas?period=${period}`)).data.find(
        (q) => q.ownerId === rep?.id,
      );
      if (quotaBefore)
        await workspace.post('quotas', { period, ownerId: rep.id, amount: quotaBefore.amount });
      else if (now) await workspace.delete(`quotas/${now.id}`);
    }
    await workspace.put('forecast/settings', original);
  }
});
