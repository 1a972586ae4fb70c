import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';
import { labelled } from './scenario';

// Issue #10 item 9: forms and keys.
test('Esc asks before throwing away an edited form', async ({ page }) => {
  await page.goto('/o/contacts');
  await page.getByRole('heading', { name: 'Contacts' }).waitFor();
  await page.getByRole('button', { name: 'New contact' }).first().click();
  const form = page.getByRole('dialog', { name: 'New contact' });
  await labelled(form, 'First name').fill('Halfway');
  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
  await expect(ask).toBeVisible();
  await page.waitForTimeout(300); // the dialog's fade-in
  await checkAccessibility(page, 'discard changes?');
  if (test.info().project.name === 'desktop') await captureScreen(page, 'discard-changes', true);
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect(labelled(form, 'First name')).toHaveValue('Halfway');
  await labelled(form, 'First name').press('Escape');
  await ask.getByRole('button', { name: 'Discard' }).click();
  await expect(form).toBeHidden();
  // An untouched form closes at once.
  await page.getByRole('button', { name: 'New contact' }).first().click();
  await labelled(form, 'First name').waitFor();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(ask).toHaveCount(0);
});

test('J/K and the arrow keys move between list rows; Esc leaves the search box', async ({ page }) => {
  await page.goto('/o/contacts');
  const grid = page.getByRole('grid', { name: 'Contacts' });
  const firstLink = grid.locator('[aria-rowindex="2"] a').first();
  await firstLink.focus();
  const focusedRow = () =>
    page.evaluate(() => document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex'));
  await page.keyboard.press('j');
  expect(await focusedRow()).toBe('3');
  await page.keyboard.press('ArrowDown');
  expect(await focusedRow()).toBe('4');
  await page.keyboard.press('k');
  expect(await focusedRow()).toBe('3');
  await page.keyboard.press('ArrowUp');
  expect(await focusedRow()).toBe('2');

  await page.keyboard.press('/');
  const search = page.getByLabel('Search contacts');
  await expect(search).toBeFocused();
  await page.keyboard.type('moore');
  await page.keyboard.press('Escape');
  await expect(search).not.toBeFocused();
  await expect(search).toHaveValue('moore');
});

test('"-5" in Employees shows the error and keeps what was typed', async ({
  page,
  workspace,
  guard,
  unique,
}) => {
  const account = await workspace.post('accounts', { name: `Headcount ${unique}` });
  await page.goto(`/o/accounts/${account.id}`);
  await page.getByRole('button', { name: 'Edit Employees' }).click();
  const input = labelled(page, 'Employees');
  await input.fill('-5');
  await guard.allow(400, /\/api\/v1\/accounts\//, async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('cannot be negative')).toBeVisible();
  });
  await expect(input).toHaveValue('-5');
  const stored = await workspace.get<{ employees: number | null }>(`accounts/${account.id}`);
  expect(stored.employees).toBe(null);
});

test('filters offer the operators that fit the field type', async ({ page }) => {
  await page.goto('/o/contacts');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByRole('combobox', { name: 'Field' }).click();
  await checkAccessibility(page, 'the filter builder with its list of fields open');
  await page.getByRole('option', { name: 'First name', exact: true }).click();
  await page.getByRole('combobox', { name: 'Condition' }).click();
  const offered = await page.getByRole('option').allTextContents();
  expect(offered).toEqual(['contains', 'is', 'is not', 'starts with', 'is empty']);
  await page.keyboard.press('Escape');

  // A number field, beside a text field in the same filter, offers comparisons instead.
  await page.goto('/o/accounts');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByRole('combobox', { name: 'Field' }).nth(1).click();
  await page.getByRole('option', { name: 'Employees', exact: true }).click();
  await page.getByRole('combobox', { name: 'Condition' }).nth(1).click();
  await expect(page.getByRole('option', { name: 'greater than' })).toBeVisible();
  expect(await page.getByRole('option').allTextContents()).toEqual([
    'is',
    'is not',
    'greater than',
    'at least',
    'less than',
    'at most',
    'is empty',
  ]);
  await checkAccessibility(page, 'the filter builder offering the operators of a number field');
  if (test.info().project.name === 'desktop') await captureScreen(page, 'filter-operators-by-type', true);
});
