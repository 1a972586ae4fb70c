import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';
import { labelled } from './scenario';

/** Picks an option of a Mantine Select by its label. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('an objective shows on its tile; a report with a chart drills down to its records and goes on a dashboard', async ({
  page,
  workspace,
  unique,
}, testInfo) => {
  const phone = testInfo.project.name === 'phone';
  const dashboard = `Board ${unique}`;
  await workspace.post('dashboards', { name: dashboard, tiles: [], filters: {} });

  await page.goto('/');
  if (phone) await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.getByRole('link', { name: 'Is Rapport working?' }).click();
  await expect(page.getByRole('heading', { name: 'Is Rapport working?' })).toBeVisible();
  await page.getByRole('button', { name: 'New objective' }).click();
  const form = page.getByRole('dialog', { name: 'New objective' });
  await form.getByLabel('Name').fill(`Win more ${unique}`);
  // Each width its own measure: a tile shows one objective, and both runs share the server.
  const [measure, measureId] = phone ? ['Customer retention', 'customerRetention'] : ['Win rate', 'winRate'];
  await choose(page, 'Measure', measure);
  await form.getByLabel('Baseline').fill('0.2');
  await form.getByLabel('Target').fill('0.3');
  await form.getByLabel('Due date').fill('2027-06-30');
  await checkAccessibility(page, 'a new objective');
  await form.getByRole('button', { name: 'Save objective' }).click();
  const tile = page.getByTestId(`tile-${measureId}`);
  await expect(tile.getByText(`Win more ${unique}`)).toBeVisible();
  // Measured from the forecast's weekly snapshots of the demo's past quarters.
  await expect(page.getByTestId('tile-forecastAccuracy').getByText(/^\d+(\.\d+)?%$/)).toBeVisible();
  await captureScreen(page, 'insights-scorecard', true);

  await page.goto('/report-builder');
  await choose(page, 'Group by', 'Forecast category');
  await choose(page, 'Chart', 'bar');
  const table = page.getByTestId('report-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PNG' }).click();
  const png = await download;
  expect(png.suggestedFilename()).toBe('report.png');
  const bytes = readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString(), 'a PNG file').toBe('PNG');
  expect(bytes.length, 'with the chart drawn in it').toBeGreaterThan(2000);
  await page.getByLabel('Report name').fill(`Deals by forecast ${unique}`);
  await page.getByRole('button', { name: 'Save report' }).click();
  // The same report as a PDF: its chart and its table, titled with its name.
  await page.getByRole('button', { name: 'Export' }).click();
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'PDF, chart and table (.pdf)' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe('report.pdf');
  const pdfText = readFileSync(await pdf.path()).toString('latin1');
  expect(pdfText.startsWith('%PDF-')).toBe(true);
  expect(pdfText).toContain(`(Deals by forecast ${unique})`);
  await choose(page, 'Dashboard', dashboard);
  await page.getByRole('button', { name: 'Add to dashboard' }).click();
  await expect(page.getByText(`Added to ${dashboard}`)).toBeVisible();
  await captureScreen(page, 'insights-report', true);

  const firstFigure = table.locator('tbody tr').first().locator('a').first();
  const category = await table.locator('tbody tr').first().locator('td').first().textContent();
  await firstFigure.click();
  // The list opens with the figure's filter: the group's value, as a filter chip.
  await expect(page).toHaveURL(/\/o\/deals\?.*filter=/);
  const chip = new RegExp(`^Forecast category is ${category}$`, 'i');
  await expect(page.getByRole('group', { name: 'Active filters' }).getByText(chip)).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Deals' }).getByRole('row').nth(1)).toBeVisible();

  await page.goto('/dashboard');
  await choose(page, 'Dashboard', dashboard);
  await expect(
    page.getByTestId('dashboard-tile-report').getByText(`Deals by forecast ${unique}`),
  ).toBeVisible();
  await expect(page.getByTestId('dashboard-tile-report').getByTestId('report-table')).toBeVisible();
});

test('a field in the way is filed as feedback, and admins see the friction of forms', async ({
  page,
  unique,
}) => {
  await page.goto('/o/accounts');
  await page.getByRole('heading', { name: 'Accounts' }).waitFor();
  await page.getByRole('button', { name: 'New account' }).first().click();
  const form = page.getByRole('dialog', { name: 'New account' });
  await labelled(form, 'Name').fill(`Friction ${unique}`);
  const nameField = form
    .locator('div')
    .filter({ has: labelled(page, 'Name') })
    .filter({ has: page.getByRole('button', { name: 'In my way' }) })
    .last();
  await nameField.getByRole('button', { name: 'In my way' }).click();
  await page.getByLabel('What gets in your way?').fill(`I never know the name ${unique}`);
  await checkAccessibility(page, 'a field in the way');
  await page.getByRole('button', { name: 'Tell the admins' }).click();
  await expect(page.getByText('Thank you: the admins will see what gets in your way.')).toBeVisible();
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form).toBeHidden();

  // Leaving the page sends the batch of form events.
  await page.goto('/adoption');
  const fields = page.getByTestId('friction-fields');
  await expect(async () => {
    await page.reload();
    await expect(fields.getByRole('row', { name: /^accounts\.name \d+ \d+ [1-9]/ })).toBeVisible({
      timeout: 2000,
    });
    await expect(
      page.getByTestId('friction-forms').getByRole('row', { name: /^accounts [1-9]/ }),
    ).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await page.goto('/feedback');
  await expect(page.getByText(`I never know the name ${unique}`)).toBeVisible();
});
