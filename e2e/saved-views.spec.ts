import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';

// Issue #10 item 4: saved views.
test('a saved view opens from its link, shows its filters as chips, and says when it was changed', async ({
  page,
  workspace,
  unique,
}) => {
  const domain = `views-${unique}.test`.toLowerCase();
  for (const [firstName, title] of [
    ['Lena', 'Buyer'],
    ['Omar', 'Buyer'],
    ['Pia', 'Engineer'],
  ])
    await workspace.post('contacts', {
      firstName,
      lastName: unique,
      email: `${firstName.toLowerCase()}@${domain}`,
      title,
    });
  const name = `Buyers at ${unique}`;
  const view = await workspace.post('views', {
    object: 'contacts',
    name,
    state: {
      columns: ['lastName', 'firstName', 'title', 'email'],
      sort: '',
      filter: {
        and: [
          { field: 'email', op: 'contains', value: domain },
          { field: 'title', op: 'eq', value: 'Buyer' },
        ],
      },
      q: null,
    },
  });

  // The link names the view and nothing else: the list opens exactly what was saved.
  await page.goto(`/o/contacts?view=${view.id}`);
  await expect(page.getByText(/^2 contacts$/)).toBeVisible();
  await expect(page.getByRole('button', { name })).toBeVisible();
  const chips = page.getByRole('group', { name: 'Active filters' });
  await expect(chips.getByText(`Email contains ${domain}`)).toBeVisible();
  await expect(chips.getByText('Job title is Buyer')).toBeVisible();
  await expect(chips.getByText('Modified')).toHaveCount(0);
  await checkAccessibility(page, 'a saved view opened by its link');

  // Removing a chip changes the list and marks the view as modified, with Save / Save as / Reset.
  await chips.getByRole('button', { name: 'Remove filter Job title is Buyer' }).click();
  await expect(page.getByText(/^3 contacts$/)).toBeVisible();
  await expect(chips.getByText('Modified')).toBeVisible();
  await expect(chips.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  await expect(chips.getByRole('button', { name: 'Save as…' })).toBeVisible();
  await checkAccessibility(page, 'a modified saved view');
  if (test.info().project.name === 'desktop') await captureScreen(page, 'saved-view-modified', true);
  await chips.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByText(/^2 contacts$/)).toBeVisible();
  await expect(chips.getByText('Modified')).toHaveCount(0);

  // Leaving the list and coming back keeps the view.
  await page.goto('/o/accounts');
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  await page.goto('/o/contacts');
  await expect(page.getByText(/^2 contacts$/)).toBeVisible();
  await expect(page.getByRole('button', { name })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('view')).toBe(view.id);

  // Save as: the changed list becomes a view of its own.
  await chips.getByRole('button', { name: 'Remove filter Job title is Buyer' }).click();
  await chips.getByRole('button', { name: 'Save as…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await dialog.getByLabel('View name').fill(`Everyone at ${unique}`);
  await checkAccessibility(page, 'the Save as dialog of a modified view');
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(page.getByRole('button', { name: `Everyone at ${unique}` })).toBeVisible();
  await expect(page.getByText(/^3 contacts$/)).toBeVisible();
  await expect(chips.getByText('Modified')).toHaveCount(0);
});
