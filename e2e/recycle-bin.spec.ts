import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';

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
  await page.goto(`/o/accounts/${account.id}`);
  await expect(page.getByRole('heading', { name })).toBeVisible();
});
