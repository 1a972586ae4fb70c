import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { demoLogin } from '../src/server/seed/demoSignIn';
import { PageGuard } from './browser';
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
  // Axe runs in each of the story's states.
  test.setTimeout(180_000);
  const phone = testInfo.project.name === 'phone';
  const dashboard = `Board ${unique}`;
  await workspace.post('dashboards', { name: dashboard, tiles: [], filters: {} });

  await page.goto('/');
  if (phone) await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.getByRole('link', { name: 'Is Rapport working?' }).click();
  await expect(page.getByRole('heading', { name: 'Is Rapport working?' })).toBeVisible();
  await expect(page.getByTestId('tile-winRate')).toBeVisible();
  await checkAccessibility(page, 'the scorecard');
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
  await checkAccessibility(page, 'the scorecard with an objective');
  await captureScreen(page, 'insights-scorecard', true);
  await tile.getByRole('button').click();
  const progress = page.getByRole('dialog', { name: measure });
  await expect(progress.locator('.recharts-surface')).toBeVisible();
  await checkAccessibility(page, "an objective's progress");
  await progress.getByRole('button', { name: 'Close dialog' }).click();
  await expect(progress).toBeHidden();

  await page.goto('/report-builder');
  await expect(page.getByTestId('report-table')).toBeVisible();
  await checkAccessibility(page, 'the report builder');
  await choose(page, 'Group by', 'Forecast category');
  await choose(page, 'Chart', 'bar');
  const table = page.getByTestId('report-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await checkAccessibility(page, 'a report with a chart');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PNG' }).click();
  const png = await download;
  expect(png.suggestedFilename()).toBe('report.png');
  const bytes = readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString(), 'a PNG file').toBe('PNG');
  expect(bytes.length, 'with the chart drawn in it').toBeGreaterThan(2000);
  await page.getByLabel('Report name').fill(`Deals by forecast ${unique}`);
  await page.getByRole('button', { name: 'Save report' }).click();
  await expect(page.getByRole('button', { name: 'Add to dashboard' })).toBeVisible();
  await checkAccessibility(page, 'a saved report');
  // The same report as a PDF: its chart and its table, titled with its name.
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await checkAccessibility(page, "a report's export menu");
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
  await checkAccessibility(page, 'dashboard');
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
  await checkAccessibility(page, 'adoption and friction');
  await page.goto('/feedback');
  await expect(page.getByText(`I never know the name ${unique}`)).toBeVisible();
  await checkAccessibility(page, 'feedback inbox');
});

test("a manager's home leads with the scorecard, a rep's with their day; each opens their role's dashboard", async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto('/');
  const headings = page.getByRole('main').getByRole('heading', { level: 2 });
  await expect(headings.first()).toHaveText('Is Rapport working?');
  await expect(page.getByRole('heading', { name: 'My day' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'The scorecard' })).toBeVisible();
  await captureScreen(page, 'insights-home-manager', true);
  await page.goto('/dashboard');
  // An admin's default dashboard is the scorecard: a tile per measure.
  await expect(page.getByRole('combobox', { name: 'Dashboard', exact: true })).toHaveValue(
    'Is Rapport working?',
  );
  await expect(page.getByTestId('dashboard-tile-measure')).toHaveCount(21);
  await expect(
    page.getByTestId('dashboard-tile-measure').filter({ hasText: 'Reps logging activity weekly' }),
  ).toBeVisible();

  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const repPage = await context.newPage();
  const guard = new PageGuard(repPage);
  try {
    const signedIn = await context.request.post('/api/v1/auth/login', {
      data: { email: 'rep1@demo.rapport.test', password: demoLogin.password },
      headers: { origin: baseURL ?? '' },
    });
    expect(signedIn.ok()).toBe(true);
    await repPage.goto('/');
    await expect(repPage.getByRole('main').getByRole('heading', { level: 2 }).first()).toHaveText('My day');
    await expect(repPage.getByRole('heading', { name: 'Is Rapport working?' })).toHaveCount(0);
    await repPage.goto('/dashboard');
    await expect(repPage.getByRole('combobox', { name: 'Dashboard', exact: true })).toHaveValue(
      'My pipeline and activities',
    );
    await expect(repPage.getByRole('combobox', { name: 'Owner', exact: true })).toHaveValue(
      'Me (whoever looks)',
    );
    const pipeline = repPage
      .getByTestId('dashboard-tile-report')
      .filter({ hasText: 'Open pipeline by stage' });
    await expect(pipeline.getByTestId('report-table').locator('tbody tr').first()).toBeVisible();
    guard.assertClean("a rep's home and dashboard");
  } finally {
    await context.close();
  }
});

test("the report builder filters with the lists' builder; a dashboard's team filter narrows its reports", async ({
  page,
  workspace,
  unique,
}) => {
  const users = await workspace.get<{ data: { id: string; email: string }[] }>('users');
  const manager = users.data.find((u) => u.email === 'manager@demo.rapport.test')!;
  // The demo's admin is in no team, its manager is in Field Sales.
  await workspace.post('deals', { name: `Team ${unique} A`, amount: '10.00' });
  await workspace.post('deals', { name: `Team ${unique} M`, amount: '20.00', ownerId: manager.id });
  const report = await workspace.post('reports', {
    name: `Owners ${unique}`,
    chart: 'table',
    definition: {
      object: 'deals',
      filter: { field: 'name', op: 'startsWith', value: `Team ${unique}` },
      groupBy: ['ownerId'],
      measures: [{ fn: 'count' }],
      chart: 'table',
    },
  });
  const board = await workspace.post('dashboards', {
    name: `Teams ${unique}`,
    tiles: [{ id: 'owners', kind: 'report', ref: report.id, width: 2 }],
    filters: {},
  });

  // The report builder's filters are the lists' filter builder.
  await page.goto('/report-builder');
  await choose(page, 'Group by', 'Owner');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByRole('combobox', { name: 'Field' }).click();
  await page.getByRole('option', { name: 'Name', exact: true }).click();
  await page.getByLabel('Value for Name', { exact: true }).fill(`Team ${unique}`);
  await checkAccessibility(page, "the report builder's filter");
  await page.getByRole('button', { name: 'Apply filter' }).click();
  await expect(page.getByRole('group', { name: 'Report filters' })).toContainText(`Team ${unique}`);
  await checkAccessibility(page, 'a filtered report');
  await expect(page.getByTestId('report-table').locator('tbody tr')).toHaveText([
    /^Alex Admin\s*1$/,
    /^Morgan Manager\s*1$/,
  ]);

  await page.goto('/dashboard');
  await choose(page, 'Dashboard', `Teams ${unique}`);
  const rows = page.getByTestId('dashboard-tile-report').getByTestId('report-table').locator('tbody tr');
  await expect(rows).toHaveText([/^Alex Admin\s*1$/, /^Morgan Manager\s*1$/]);
  await choose(page, 'Team', 'Field Sales');
  await expect(rows).toHaveText([/^Morgan Manager\s*1$/]);
  await expect(page.getByRole('combobox', { name: 'Team', exact: true })).toHaveValue('Field Sales');
  const saved = await workspace.get<{ filters: { teamId?: string } }>(`dashboards/${board.id}`);
  const teams = await workspace.get<{ data: { id: string; name: string }[] }>('teams');
  expect(saved.filters.teamId).toBe(teams.data.find((t) => t.name === 'Field Sales')!.id);
  await captureScreen(page, 'insights-dashboard-team', true);
});

test('an admin turns the weekly highlight on, and everyone sees the teams that used Rapport more, as praise', async ({
  page,
  browser,
  baseURL,
  workspace,
}) => {
  // Two people's pages, each checked with axe: longer than most tests on a busy machine.
  test.slow();
  await workspace.patch('insights/settings', { weeklyHighlight: false });
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const repPage = await context.newPage();
  const guard = new PageGuard(repPage);
  try {
    // A member of Field Sales uses Rapport this week; the demo has no use the week before.
    const signedIn = await context.request.post('/api/v1/auth/login', {
      data: { email: 'rep1@demo.rapport.test', password: demoLogin.password },
      headers: { origin: baseURL ?? '' },
    });
    expect(signedIn.ok()).toBe(true);
    expect((await context.request.get('/api/v1/accounts?limit=1')).ok()).toBe(true);

    await page.goto('/adoption');
    const toggle = page.getByRole('switch', { name: 'Weekly highlight' });
    await expect(toggle).not.toBeChecked();
    const highlight = page.getByRole('region', { name: 'This week’s highlight' });
    await expect(highlight).toHaveCount(0);
    await toggle.click();
    await expect(toggle).toBeChecked();
    const praise = /^Field Sales: \d+% of the team used Rapport this week, up from \d+% the week before\.$/;
    await expect(highlight.getByRole('listitem').filter({ hasText: praise })).toBeVisible();
    await checkAccessibility(page, 'adoption with the weekly highlight');

    // Home loads its other sections beside it: a busy machine needs more than the usual ten seconds.
    await page.goto('/');
    await expect(highlight.getByRole('listitem').filter({ hasText: praise })).toBeVisible({
      timeout: 30_000,
    });
    await checkAccessibility(page, 'home with the weekly highlight');
    await captureScreen(page, 'insights-highlight-home', true, () => highlight.scrollIntoViewIfNeeded());

    await repPage.goto('/');
    await expect(
      repPage.getByRole('region', { name: 'This week’s highlight' }).getByText(praise),
    ).toBeVisible({ timeout: 30_000 });
    await checkAccessibility(repPage, "a rep's home with the weekly highlight");
    guard.assertClean("a rep's home with the weekly highlight");

    await page.goto('/adoption');
    await toggle.click();
    await expect(toggle).not.toBeChecked();
    await expect(highlight).toHaveCount(0);
  } finally {
    await workspace.patch('insights/settings', { weeklyHighlight: false });
    await context.close();
  }
});

test('a report has several measures and a date bucket on its second grouping; the chart says it draws the first', async ({
  page,
}) => {
  await page.goto('/report-builder');
  await expect(page.getByTestId('report-table')).toBeVisible({ timeout: 30_000 });
  await choose(page, 'Group by', 'Forecast category');
  await choose(page, 'Then by', 'Close date');
  // Date buckets need a range: grouping by a date ranges on it (this year's by default).
  await expect(page.getByRole('combobox', { name: 'Range on', exact: true })).toHaveValue('Close date');
  await choose(page, 'Then by bucket', 'quarter');
  await page.getByRole('button', { name: 'Add measure' }).click();
  await choose(page, 'Measure 2', 'Sum');
  await choose(page, 'Of (measure 2)', 'Amount (base currency)');
  await page.getByRole('button', { name: 'Add measure' }).click();
  await choose(page, 'Measure 3', 'Highest');
  await choose(page, 'Of (measure 3)', 'Amount (base currency)');
  const table = page.getByTestId('report-table');
  const headings = table.locator('thead th');
  await expect(headings).toHaveText([
    'Forecast category',
    'Close date (quarter)',
    'Count',
    'Sum of Amount (base currency)',
    'Highest of Amount (base currency)',
  ]);
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(table.locator('tbody tr').first().locator('td').nth(1)).toHaveText(/^\d{4}-(01|04|07|10)-01/);
  await expect(page.getByTestId('report-chart-note')).toHaveText(
    'The chart shows the first measure, Count; the table shows them all.',
  );
  await checkAccessibility(page, 'a report with three measures and two groupings');
  await captureScreen(page, 'insights-report-measures', true, () =>
    page.getByRole('group', { name: 'Measures' }).scrollIntoViewIfNeeded(),
  );
  await page.getByRole('button', { name: 'Remove measure 1' }).click();
  await expect(headings).toHaveText([
    'Forecast category',
    'Close date (quarter)',
    'Sum of Amount (base currency)',
    'Highest of Amount (base currency)',
  ]);
  await expect(page.getByTestId('report-chart-note')).toHaveText(
    'The chart shows the first measure, Sum of Amount (base currency); the table shows them all.',
  );
});

test('a report counts activities per contact they are about, named, and drills down to them', async ({
  page,
  workspace,
  unique,
}) => {
  const contact = await workspace.post('contacts', { firstName: 'Linked', lastName: unique });
  const link = { object: 'contacts', id: contact.id };
  await workspace.post('activities', { type: 'call', subject: `First call ${unique}`, links: [link] });
  await workspace.post('activities', { type: 'note', subject: `Note ${unique}`, links: [link] });

  await page.goto('/report-builder');
  await expect(page.getByTestId('report-table')).toBeVisible({ timeout: 30_000 });
  await choose(page, 'Object', 'Activities');
  await choose(page, 'Chart', 'table');
  // The demo's thousand contacts make a thousand groups: this run's activities only, before grouping.
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByRole('combobox', { name: 'Field' }).click();
  await page.getByRole('option', { name: 'Subject', exact: true }).click();
  await page.getByLabel('Value for Subject', { exact: true }).fill(unique);
  await page.getByRole('button', { name: 'Apply filter' }).click();
  await choose(page, 'Group by', 'Related to › Contact');
  const row = page
    .getByTestId('report-table')
    .locator('tbody tr')
    .filter({ hasText: `Linked ${unique}` });
  await expect(page.getByTestId('report-table').locator('tbody tr')).toHaveCount(1);
  await expect(row).toHaveText(new RegExp(`^Linked ${unique}\\s*2$`));
  await row.getByRole('link', { name: '2' }).click();
  await expect(page).toHaveURL(/\/o\/activities\?.*filter=/);
  const grid = page.getByRole('grid', { name: 'Activities' });
  await expect(grid.getByText(`First call ${unique}`)).toBeVisible();
  await expect(grid.getByText(`Note ${unique}`)).toBeVisible();
});
