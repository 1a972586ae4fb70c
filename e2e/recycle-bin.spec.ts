import type { Page } from '@playwright/test';
import { expect, test, type Workspace } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';

/** An account made and deleted through the API, then the recycle bin open at its row. */
async function openBinAt(page: Page, workspace: Workspace, name: string) {
  const account = await workspace.post('accounts', { name });
  await workspace.delete(`accounts/${account.id}`);
  await page.goto('/o/accounts/bin');
  return { account, row: page.getByRole('listitem').filter({ hasText: name }) };
}

// Issue #10 item 5: a deleted record can be found and brought back after the undo toast is gone.
test('a deleted account waits in the recycle bin, with who and when, and comes back from its own link', async ({
  page,
  workspace,
  unique,
  guard,
}) => {
  const name = `Binned ${unique}`;
  const account = await workspace.post('accounts', { name });
  await workspace.delete(`accounts/${account.id}`);

  // Its old link says where it went, and restores it.
  await guard.allow(404, /\/api\/v1\/accounts\/[0-9a-f-]+$/, async () => {
    await page.goto(`/o/accounts/${account.id}`);
    await expect(page.getByText('In the recycle bin')).toBeVisible();
  });
  await expect(page.getByText(/was deleted on .* by Alex Admin/)).toBeVisible();
  await checkAccessibility(page, 'a deleted record opened by its link');
  await page.getByRole('link', { name: 'Open the recycle bin' }).click();

  // The bin lists it with who and when; Restore brings it back into the list.
  await expect(page.getByRole('heading', { name: 'Recycle bin: Accounts' })).toBeVisible();
  const row = page.getByRole('listitem').filter({ hasText: name });
  await expect(row.getByText(/Deleted on .* by Alex Admin/)).toBeVisible();
  await checkAccessibility(page, 'the recycle bin');
  if (test.info().project.name === 'desktop') await captureScreen(page, 'recycle-bin', true);
  await row.getByRole('button', { name: 'Restore' }).click();
  await expect(row).toHaveCount(0);
  await checkAccessibility(page, 'the recycle bin after a restore');
  await page.goto(`/o/accounts/${account.id}`);
  await expect(page.getByRole('heading', { name })).toBeVisible();
});

test("a deleted account's own page, opened from the recycle bin, restores it", async ({
  page,
  workspace,
  unique,
  guard,
}) => {
  const name = `Back ${unique}`;
  const { account, row } = await openBinAt(page, workspace, name);
  await guard.allow(404, /\/api\/v1\/accounts\/[0-9a-f-]+$/, async () => {
    await row.getByRole('link', { name }).click();
    await expect(page.getByText('In the recycle bin')).toBeVisible();
  });
  await expect(page).toHaveURL(new RegExp(`/o/accounts/${account.id}$`));
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  // The record page itself comes back in place of the notice (both are headed by the name).
  await expect(page.getByText('In the recycle bin')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await checkAccessibility(page, 'a record restored on its own page');
  expect((await workspace.get<{ name: string }>(`accounts/${account.id}`)).name).toBe(name);
});

test('an admin deletes a record from the recycle bin for good', async ({ page, workspace, unique }) => {
  const name = `Purged ${unique}`;
  const { account, row } = await openBinAt(page, workspace, name);
  await row.getByRole('button', { name: 'Delete for good' }).click();
  const ask = page.getByRole('dialog', { name: `Delete “${name}” for good?` });
  await expect(ask).toBeVisible();
  await page.waitForTimeout(300); // the dialog's fade-in
  await checkAccessibility(page, 'delete for good?');
  await ask.getByRole('button', { name: 'Delete for good' }).click();
  await expect(ask).toBeHidden();
  await expect(row).toHaveCount(0);
  await checkAccessibility(page, 'the recycle bin after a purge');
  // Gone from the bin as well as from the list: nothing can bring it back.
  expect((await page.request.get(`/api/v1/accounts/bin/${account.id}`)).status()).toBe(404);
  expect((await page.request.get(`/api/v1/accounts/${account.id}`)).status()).toBe(404);
});

test('the recycle bin of an object with nothing deleted says it is empty', async ({ page, workspace }) => {
  // No spec deletes a price book, so its bin stays empty in every run.
  const bin = await workspace.get<{ data: unknown[] }>('priceBooks/bin');
  expect(bin.data).toEqual([]);
  await page.goto('/o/priceBooks/bin');
  await expect(page.getByRole('heading', { name: 'Recycle bin: Price books' })).toBeVisible();
  await expect(page.getByText('The recycle bin is empty')).toBeVisible();
  await checkAccessibility(page, 'an empty recycle bin');
});
