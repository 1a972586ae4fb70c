import { expect, test } from './fixtures';
import { expectNoInjectedMarkup, xssPayloads } from './checks';
import { labelled } from './scenario';

// Issue #16: payloads that would run if inserted as HTML, in every field where user text is shown.
const all = `${xssPayloads.img} ${xssPayloads.svg} ${xssPayloads.link}`;

test('user text shows as text on every screen that renders it', async ({
  page,
  workspace,
  baseURL,
  unique,
}) => {
  const accountName = `Probe ${unique} ${xssPayloads.img}`;
  const account = await workspace.post('accounts', { name: accountName, description: `Notes ${all}` });
  const contact = await workspace.post('contacts', {
    firstName: `Probe ${xssPayloads.svg}`,
    lastName: unique,
    title: `Head ${xssPayloads.link}`,
    notes: `Met at ${all}`,
    accountId: account.id,
  });
  await workspace.post('views', {
    object: 'contacts',
    name: `View ${unique} ${xssPayloads.img}`,
    state: { columns: [], sort: '', filter: { field: 'lastName', op: 'eq', value: unique }, q: null },
  });
  // A javascript: link is refused before it is stored.
  const refused = await page.request.post('/api/v1/accounts', {
    data: { name: `Probe ${unique} link`, website: 'javascript:window.__xss=3' },
    headers: { origin: baseURL! },
  });
  expect(refused.status(), 'a javascript: website').toBe(400);

  await page.goto(`/o/accounts/${account.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(accountName);
  await expect(page.getByText(`Notes ${all}`)).toBeVisible();
  await expectNoInjectedMarkup(page, 'the account page');

  await page.goto(`/o/contacts/${contact.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Probe ${xssPayloads.svg} ${unique}`);
  await expect(page.getByText(`Met at ${all}`)).toBeVisible();
  await expectNoInjectedMarkup(page, 'the contact page');

  await page.goto(`/o/contacts?q=${unique}`);
  await expect(page.getByRole('grid').getByText(`Head ${xssPayloads.link}`)).toBeVisible();
  await page.getByRole('button', { name: 'All contacts' }).click();
  await expect(page.getByRole('menuitem', { name: `View ${unique} ${xssPayloads.img}` })).toBeVisible();
  await expectNoInjectedMarkup(page, 'the contact list and its views menu');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+K');
  await page.keyboard.type(`Probe ${unique}`);
  await expect(page.getByRole('option').filter({ hasText: accountName })).toBeVisible();
  await expectNoInjectedMarkup(page, 'the command palette');
  await page.keyboard.press('Escape');

  // The form: the probe needs these fields; a missing one fails the test instead of skipping it.
  await page.goto('/o/accounts');
  // By its shortcut, as a keyboard user would.
  await expect(page.getByRole('grid', { name: 'Accounts' })).toBeVisible();
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'New account' });
  for (const label of ['Name', 'Description', 'Website'])
    await expect(labelled(dialog, label), `the form's ${label} field`).toHaveCount(1);
  await labelled(dialog, 'Name').fill(`Typed ${unique} ${xssPayloads.svg}`);
  await labelled(dialog, 'Description').fill(all);
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Typed ${unique} ${xssPayloads.svg}`);
  await expectNoInjectedMarkup(page, 'an account typed into the form');
});
