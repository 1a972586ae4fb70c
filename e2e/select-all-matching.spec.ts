import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';
import { labelled } from './scenario';

interface Page<T> {
  data: T[];
  total: number;
}
type Account = { id: string; name: string; employees: number | null };

// Issue #10 item 11, and item 5's undo for bulk edits: every matching record, not only the rows loaded.
test('select all matching edits every match on the server, and the edit can be undone', async ({
  page,
  workspace,
  unique,
}) => {
  await workspace.post('accounts/bulk', {
    create: Array.from({ length: 130 }, (_, i) => ({ name: `${unique} ${i}`, employees: 7 })),
  });
  // Search forgives typos, so other tests' records with similar names may match too: count them in.
  const matching = () =>
    workspace.post<Page<Account>>('accounts/query', {
      q: unique,
      limit: 500,
      count: true,
    });
  const ours = async () => (await matching()).data.filter((a) => a.name.startsWith(`${unique} `));
  const n = (await matching()).total;
  expect(n).toBeGreaterThanOrEqual(130);
  await page.goto(`/o/accounts?q=${encodeURIComponent(unique)}`);
  await expect(page.getByText(`${n} accounts`, { exact: true })).toBeVisible();

  await page.getByRole('checkbox', { name: 'Select all loaded rows' }).check();
  await expect(page.getByText('100 selected')).toBeVisible();
  await page.getByRole('button', { name: `Select all ${n} matching` }).click();
  await expect(page.getByText(`${n} selected`)).toBeVisible();
  await checkAccessibility(page, 'every matching record selected');
  const publish = test.info().project.name === 'desktop';
  if (publish) await captureScreen(page, 'select-all-matching', true);

  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${n} accounts` });
  await labelled(dialog, 'Field to change').click();
  await page.getByRole('option', { name: 'Employees', exact: true }).click();
  await labelled(dialog, 'Employees').fill('250');
  await checkAccessibility(page, 'a bulk edit of every match');
  await dialog.getByRole('button', { name: `Apply to ${n}` }).click();
  await expect(page.getByText(`Employees set on ${n} accounts`)).toBeVisible();
  await checkAccessibility(page, 'a bulk edit done, with its Undo');
  if (publish) await captureScreen(page, 'bulk-edit-undo', true);
  await expect.poll(async () => new Set((await ours()).map((a) => a.employees))).toEqual(new Set([250]));

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('Undone')).toBeVisible();
  await checkAccessibility(page, 'a bulk edit undone');
  const after = await ours();
  expect(after).toHaveLength(130);
  expect(new Set(after.map((a) => a.employees))).toEqual(new Set([7]));
});
