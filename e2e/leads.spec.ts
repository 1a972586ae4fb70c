import { PageGuard } from './browser';
import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

const password = 'leads-spec-passphrase';

test('an admin adds a scoring rule, and a rep sees their lead scored with the reason', async ({
  page,
  browser,
  baseURL,
  workspace,
  unique,
}) => {
  const email = `rep.${unique.toLowerCase()}@example.com`;
  const rep = await workspace.post('users', { email, name: `Rita ${unique}`, password, role: 'rep' });
  const title = `Chief ${unique}`;
  await workspace.post('contacts', {
    firstName: 'Lena',
    lastName: unique,
    title,
    lifecycleStage: 'lead',
    leadStatus: 'new',
    ownerId: rep.id,
  });

  await page.goto('/settings/leads');
  await page.getByRole('heading', { name: 'Lead rules' }).waitFor();
  const reason = `Decision maker ${unique}`;
  await page.getByLabel('Reason shown').fill(reason);
  await page.getByRole('textbox', { name: 'Points' }).fill('25');
  await page.getByRole('combobox', { name: 'Field' }).click();
  await page.getByRole('option', { name: 'Job title', exact: true }).click();
  await page.getByRole('textbox', { name: 'Value' }).fill(title);
  await page.getByRole('button', { name: 'Add scoring rule' }).click();
  const rules = page.getByRole('table', { name: 'Scoring rules' });
  await expect(rules.getByText(reason, { exact: true })).toBeVisible();
  await checkAccessibility(page, 'lead rules');
  await captureScreen(page, 'lead-rules', true);

  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const repPage = await context.newPage();
  const guard = new PageGuard(repPage);
  try {
    const signedIn = await context.request.post('/api/v1/auth/login', {
      data: { email, password },
      headers: { origin: baseURL ?? '' },
    });
    expect(signedIn.ok()).toBe(true);
    await repPage.goto('/leads');
    const queue = repPage.getByRole('table', { name: 'My lead queue' });
    const row = queue.getByRole('row').filter({ hasText: `Lena ${unique}` });
    await expect(row).toBeVisible();
    await expect(row.getByText(`${reason} +25`)).toBeVisible();
    await expect(row.getByText('Untouched')).toBeVisible();
    await expect(repPage.getByRole('table', { name: 'Speed to lead' })).toBeVisible();
    await checkAccessibility(repPage, 'lead queue');
    await captureScreen(repPage, 'lead-queue', true);
    guard.assertClean('lead queue');
  } finally {
    await context.close();
    const listed = await workspace.get<{ data: { id: string; label: string }[] }>('leads/scoring-rules');
    for (const rule of listed.data.filter((r) => r.label === reason))
      await workspace.delete(`leads/scoring-rules/${rule.id}`);
  }
});
