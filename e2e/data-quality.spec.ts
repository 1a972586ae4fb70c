import { expect, test } from './fixtures';
import { labelled } from './scenario';
import { checkAccessibility } from './checks';

// Issue #13: validation rules shown beside the field, duplicates warned of before saving.
test("an admin's validation rule is shown beside the field of the new-record form", async ({
  page,
  workspace,
  unique,
  guard,
}) => {
  const rule = await workspace.post('validation-rules', {
    object: 'accounts',
    field: 'employees',
    kind: 'range',
    max: 50000,
    message: 'at most 50,000 people',
  });
  try {
    await page.goto('/o/accounts');
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await page.getByRole('button', { name: 'New account' }).first().click();
    const form = page.getByRole('dialog', { name: 'New account' });
    await labelled(form, 'Name').fill(`Ruled ${unique}`);
    await labelled(form, 'Employees').fill('90000');
    // The duplicate check and the create both answer 400 for the value the rule refuses.
    await guard.allow(400, /\/api\/v1\/accounts(\/duplicates\/check)?(\?|$)/, async () => {
      await form.getByRole('button', { name: 'Create account' }).click();
      await expect(form.getByText('at most 50,000 people')).toBeVisible();
    });
    await labelled(form, 'Employees').fill('500');
    await form.getByRole('button', { name: 'Create account' }).click();
    await expect(form).toBeHidden();
    const created = await workspace.get<{ data: { employees: number }[] }>(
      `accounts?filter[name][eq]=Ruled ${unique}`,
    );
    expect(created.data.map((a) => a.employees)).toEqual([500]);
  } finally {
    await workspace.delete(`validation-rules/${rule.id}`);
  }
});

test('the new-contact form warns of a likely duplicate: open existing, or create anyway', async ({
  page,
  workspace,
  unique,
}) => {
  const existing = await workspace.post('contacts', {
    firstName: 'Dora',
    lastName: `Dupe${unique}`,
    email: `dora.${unique}@dupe.example`,
  });
  const fill = async () => {
    await page.getByRole('button', { name: 'New contact' }).first().click();
    const form = page.getByRole('dialog', { name: 'New contact' });
    await labelled(form, 'First name').fill('Dora');
    await labelled(form, 'Last name').fill(`Dupe${unique}`);
    await labelled(form, 'Email').fill(`DORA.${unique}@dupe.example`);
    await form.getByRole('button', { name: 'Create contact' }).click();
    const warning = form.getByRole('alert');
    await expect(warning).toContainText('This contact may already exist');
    await expect(warning).toContainText(`Dora Dupe${unique}`);
    await expect(warning).toContainText('same email');
    return warning;
  };
  await page.goto('/o/contacts');
  await page.getByRole('heading', { name: 'Contacts' }).waitFor();
  await (await fill()).getByRole('button', { name: 'Open existing' }).click();
  await expect(page).toHaveURL(new RegExp(`/o/contacts/${existing.id}$`));
  const none = await workspace.get<{ data: unknown[] }>(`contacts?filter[lastName][eq]=Dupe${unique}`);
  expect(none.data).toHaveLength(1);

  await page.goto('/o/contacts');
  const warning = await fill();
  await checkAccessibility(page, 'a likely duplicate: open existing or create anyway');
  await warning.getByRole('button', { name: 'Create anyway' }).click();
  await expect(page).toHaveURL(/\/o\/contacts\/[0-9a-f-]{36}$/);
  expect(page.url()).not.toContain(existing.id);
  const both = await workspace.get<{ data: unknown[] }>(`contacts?filter[lastName][eq]=Dupe${unique}`);
  expect(both.data).toHaveLength(2);
});

test('the data quality view shows completeness by field and the records to improve first', async ({
  page,
  workspace,
  unique,
}) => {
  const bare = await workspace.post('contacts', { lastName: `Bare${unique}` });
  await page.goto('/quality');
  await page.getByRole('heading', { name: 'Data quality' }).waitFor();
  await expect(page.getByTestId('quality-fields')).toContainText('Email');
  await expect(page.getByTestId('quality-figures')).toContainText('Average quality score');
  // Whose records need filling in: the demo's owners, then their teams.
  const groups = page.getByTestId('quality-groups');
  await expect(groups.getByRole('cell', { name: 'Alex Admin' })).toBeVisible();
  await page.locator('label', { hasText: /^Team$/ }).click();
  await expect(groups.getByRole('columnheader', { name: 'Team' })).toBeVisible();
  await checkAccessibility(page, 'the data quality view by team');
  const quality = await workspace.get<{ score: number; missing: string[] }>(`contacts/${bare.id}/quality`);
  expect(quality.missing).toContain('email');
  await page.goto(`/o/contacts/${bare.id}`);
  const panel = page.getByTestId('quality-panel');
  await expect(panel).toContainText(`${quality.score}%`);
  await expect(panel).toContainText('Email');
});

test('an admin adds an allowed values rule and a length rule, and removes them', async ({
  page,
  unique,
  guard,
}) => {
  await page.goto('/settings/validation-rules');
  await page.getByRole('heading', { name: 'Validation rules' }).waitFor();
  const pick = async (label: string, option: string) => {
    await page.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  await pick('Object', 'Products');
  await pick('Field', 'Family');
  await pick('Rule', 'One of a list of values');
  await labelled(page, 'Allowed values, one a line').fill(`Software ${unique}\nServices ${unique}`);
  await checkAccessibility(page, 'validation rules: allowed values');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const listed = page.getByRole('row', {
    name: new RegExp(`one of: Software ${unique}, Services ${unique}`),
  });
  await expect(listed).toBeVisible();
  await pick('Field', 'Family');
  await pick('Rule', 'Length in characters');
  await labelled(page, 'Minimum').fill('9');
  await labelled(page, 'Maximum').fill('3');
  // The API refuses a minimum above the maximum (400), and the form shows why beside the field.
  await guard.allow(400, /\/api\/v1\/validation-rules$/, async () => {
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect(page.getByText('must not be above max')).toBeVisible();
  });
  await checkAccessibility(page, 'validation rules: a length rule refused');
  await listed.getByRole('button', { name: 'Remove' }).click();
  await expect(listed).toBeHidden();
});

test('the data quality view counts values that break a rule added after them, and opens those records', async ({
  page,
  workspace,
  unique,
}) => {
  const bad = await workspace.post('contacts', { lastName: `Badx${unique}` });
  const message = `is a name refused by rule ${unique}`;
  const rule = await workspace.post('validation-rules', {
    object: 'contacts',
    field: 'lastName',
    kind: 'pattern',
    pattern: `^(?!Badx${unique}$)`,
    message,
  });
  try {
    await page.goto('/quality');
    await page.getByRole('heading', { name: 'Data quality' }).waitFor();
    const row = page.getByTestId('quality-invalid').getByRole('row', { name: new RegExp(message) });
    await expect(row).toContainText('Pattern');
    await row.getByRole('button', { name: '1' }).click();
    const drawer = page.getByRole('dialog', { name: new RegExp(message) });
    await expect(drawer.getByTestId('invalid-records')).toContainText(`Badx${unique}`);
    await checkAccessibility(page, 'the data quality view: records breaking a rule');
    await drawer.getByRole('link', { name: `Badx${unique}` }).click();
    await expect(page).toHaveURL(new RegExp(`/o/contacts/${bad.id}$`));
    await expect(page.getByTestId('quality-panel-invalid')).toContainText(message);
  } finally {
    await workspace.delete(`validation-rules/${rule.id}`);
  }
});
