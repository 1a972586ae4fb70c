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

test('a rep converts a lead into a deal, using the account already in Rapport instead of a duplicate', async ({
  page,
  workspace,
  unique,
}) => {
  const company = `Initrode ${unique}`;
  const account = await workspace.post('accounts', { name: company });
  const lead = await workspace.post('contacts', {
    firstName: 'Omar',
    lastName: unique,
    lifecycleStage: 'lead',
    leadStatus: 'working',
    leadSource: 'website',
  });

  await page.goto(`/o/contacts/${lead.id}`);
  await page.getByRole('button', { name: 'Convert to deal' }).click();
  const dialog = page.getByRole('dialog', { name: 'Convert this lead' });
  await dialog.getByLabel('Company name').fill(company.toLowerCase());
  const matches = dialog.getByRole('group', { name: 'Accounts already in Rapport' });
  await expect(matches.getByText(company, { exact: true })).toBeVisible();
  await checkAccessibility(page, 'lead conversion');
  await captureScreen(page, 'lead-conversion', true);
  await matches.getByRole('button', { name: `Use ${company}` }).click();
  await expect(dialog.getByRole('combobox', { name: 'Account' })).toHaveValue(company);
  await dialog.getByRole('textbox', { name: 'Amount' }).fill('12000');
  await dialog.getByRole('button', { name: 'Convert', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: `${company}: new business` })).toBeVisible({
    timeout: 30_000,
  });
  const dealId = page.url().split('/').pop()!;
  const deal = await workspace.get<Record<string, unknown>>(`deals/${dealId}`);
  expect(deal).toMatchObject({
    accountId: account.id,
    amount: '12000.00',
    source: 'website',
    contacts: [{ contactId: lead.id, role: 'champion' }],
  });
  const contact = await workspace.get<Record<string, unknown>>(`contacts/${lead.id}`);
  expect(contact).toMatchObject({
    accountId: account.id,
    lifecycleStage: 'opportunity',
    leadStatus: 'qualified',
  });
  const accounts = await workspace.get<{ data: unknown[] }>(
    `accounts?filter[name][eq]=${encodeURIComponent(company)}`,
  );
  expect(accounts.data).toHaveLength(1);
});
