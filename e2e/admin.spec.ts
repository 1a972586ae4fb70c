import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';

// Issue #10 item 12: teams are managed from the Teams tab; dialogs and roles say what they are about.
test('teams are renamed, given members and deleted from the Teams tab', async ({
  page,
  workspace,
  unique,
}) => {
  const team = await workspace.post<{ id: string; name: string }>('teams', { name: `Team ${unique}` });
  await page.goto('/admin');
  await page.getByRole('tab', { name: 'Teams' }).click();
  const card = page.locator('.mantine-Card-root').filter({ hasText: team.name });

  await card.getByRole('button', { name: `Rename ${team.name}` }).click();
  const renamed = `Renamed ${unique}`;
  await page.getByRole('textbox', { name: `New name for ${team.name}` }).fill(renamed);
  await checkAccessibility(page, 'a team being renamed');
  await page.keyboard.press('Enter');
  const renamedCard = page.locator('.mantine-Card-root').filter({ hasText: renamed });
  await expect(renamedCard.getByText(renamed, { exact: true })).toBeVisible();

  await renamedCard.getByRole('combobox', { name: 'Members' }).click();
  await page.getByRole('option', { name: 'Sam Seller' }).click();
  await page.keyboard.press('Escape');
  await expect
    .poll(async () => {
      const users = await workspace.get<{ data: { name: string; teamId: string | null }[] }>('users');
      return users.data.find((u) => u.name === 'Sam Seller')?.teamId;
    })
    .toBe(team.id);
  await checkAccessibility(page, 'the Teams tab');
  if (test.info().project.name === 'desktop') await captureScreen(page, 'admin-teams', true);

  await renamedCard.getByRole('button', { name: `Delete ${renamed}` }).click();
  await page.waitForTimeout(300); // the dialog's fade-in
  await checkAccessibility(page, 'delete a team?');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete team' }).click();
  await expect(page.getByText(renamed, { exact: true })).toHaveCount(0);
  const users = await workspace.get<{ data: { name: string; teamId: string | null }[] }>('users');
  expect(users.data.find((u) => u.name === 'Sam Seller')?.teamId).toBeNull();
});

test('the custom field dialog names its object, and roles read the same everywhere', async ({ page }) => {
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Admin' })).toBeVisible();
  await page.getByRole('tab', { name: 'Fields' }).click();
  await page.getByRole('button', { name: 'Add custom field' }).click();
  await expect(page.getByRole('dialog', { name: 'Add a custom field to Accounts' })).toBeVisible();
  await page.waitForTimeout(300); // the dialog's fade-in
  await checkAccessibility(page, 'the custom field dialog');
  if (test.info().project.name === 'desktop') await captureScreen(page, 'admin-custom-field-dialog', true);
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'API keys' }).click();
  await page.getByRole('combobox', { name: 'Acts as role' }).click();
  await expect(page.getByRole('option', { name: 'Manager', exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'manager', exact: true })).toHaveCount(0);
});

test('Admin › API keys lists a new key by the start of its own secret', async ({
  page,
  workspace,
  unique,
}) => {
  await workspace.confirmPassword();
  await page.goto('/admin');
  await page.getByRole('tab', { name: 'API keys' }).click();
  const name = `Sync ${unique}`;
  await page.getByRole('textbox', { name: 'Key name' }).fill(name);
  await page.getByRole('button', { name: 'Create key' }).click();
  const shown = page.getByRole('dialog', { name: 'Copy your new key now' });
  const token = (await shown.locator('pre, code').first().textContent()) ?? '';
  expect(token).toMatch(/^rk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
  await checkAccessibility(page, 'a new API key, shown once');
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(shown).toBeHidden();

  // `rk_<workspace>_<secret>`: the list shows the secret's start, which the workspace part never is.
  const secret = token.split('_').slice(2).join('_');
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row.getByText(`rk_${secret.slice(0, 8)}…`, { exact: true })).toBeVisible();
  await checkAccessibility(page, 'the API keys list');
  if (test.info().project.name === 'desktop') await captureScreen(page, 'admin-api-keys', true);

  await row.getByRole('button', { name: 'Revoke' }).click();
  const revoke = page.getByRole('dialog', { name: `Revoke “${name}”?` });
  await expect(revoke).toBeVisible();
  await page.waitForTimeout(300); // the dialog's fade-in
  await checkAccessibility(page, 'revoke an API key?');
  await revoke.getByRole('button', { name: 'Revoke key' }).click();
  await expect(row).toHaveCount(0);
});
