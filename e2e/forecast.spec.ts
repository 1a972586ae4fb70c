import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

interface Forecast {
  period: string;
  rows: { key: string; name: string; commit: string }[];
}

test('the forecast page shows the rollup against quota, adjustments and the accuracy of past periods', async ({
  page,
  workspace,
  unique,
}, testInfo) => {
  await page.goto('/forecast');
  await expect(page.getByRole('heading', { name: 'Forecast', exact: true })).toBeVisible();
  const table = page.getByRole('table', { name: 'Forecast rollup' });
  const forecast = await workspace.get<Forecast>(
    `forecast?period=${await page.getByRole('combobox', { name: 'Period' }).inputValue()}`,
  );
  expect(forecast.rows.length).toBeGreaterThan(0);
  for (const row of forecast.rows)
    await expect(table.getByRole('cell', { name: row.name, exact: true })).toBeVisible();
  await expect(table.getByRole('progressbar').first()).toBeVisible();
  await expect(
    page
      .getByRole('figure', { name: 'Forecast accuracy of past periods' })
      .locator('.recharts-bar-rectangle')
      .first(),
  ).toBeVisible();
  await expect(page.getByLabel('Statistical forecast', { exact: true })).toContainText('80% interval');
  await expect(page.getByRole('table', { name: 'Statistical forecast backtest' })).toBeVisible();

  // A manager's call on the total, with why: shown beside the computed figures.
  const form = page.getByRole('form', { name: 'Adjust the forecast' });
  await form.getByLabel(/Amount/).fill('123456');
  await form.getByLabel('Why').fill(`Board review ${unique}`);
  await form.getByRole('button', { name: 'Adjust' }).click();
  await expect(table.locator('tfoot')).toContainText('commit:');
  await checkAccessibility(page, 'forecast page');
  await captureScreen(page, 'forecast', testInfo.project.name === 'desktop');

  await page.getByRole('combobox', { name: 'Period' }).click();
  await page
    .getByRole('option', { name: forecast.period.replace(/Q\d/, 'Q1') })
    .first()
    .click();
  await expect(page.getByRole('combobox', { name: 'Period' })).toHaveValue(
    forecast.period.replace(/Q\d/, 'Q1'),
  );
  await expect(table).toBeVisible();
});

test('pipeline analytics draws the funnel, win rates and the stale and slipped deals', async ({
  page,
}, testInfo) => {
  await page.goto('/pipeline/analytics');
  await expect(page.getByRole('heading', { name: 'Pipeline analytics' })).toBeVisible();
  await expect(page.getByLabel('Pipeline summary')).toContainText('Win rate');
  await expect(
    page.getByRole('figure', { name: 'Conversion funnel' }).locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  await expect(
    page.getByRole('figure', { name: 'Win rate' }).locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Stale and slipped deals' })).toBeVisible();
  await checkAccessibility(page, 'pipeline analytics');
  await captureScreen(page, 'pipeline-analytics', testInfo.project.name === 'desktop');
});
