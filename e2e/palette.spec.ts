import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';

// Issue #10 item 3: the command palette.
test.describe('the command palette', () => {
  let accountId = '';
  let company = '';

  test.beforeEach(async ({ workspace, unique }) => {
    company = `Zyntrax ${unique}`;
    const domain = `zyntrax${unique}.net`.toLowerCase();
    accountId = (await workspace.post('accounts', { name: company, domain })).id;
    // People who merely work there: the company is in their email, not their name.
    for (const [firstName, lastName] of [
      ['Aisha', 'Moore'],
      ['Micah', 'Gutkowski'],
    ])
      await workspace.post('contacts', {
        firstName,
        lastName: `${lastName}${unique}`,
        email: `${firstName}.${lastName}@${domain}`.toLowerCase(),
        accountId,
      });
    await workspace.post('contacts', { firstName: 'Ada', lastName: `Whitlock${unique}` });
  });

  test('keeps every key typed right after Ctrl+K, and Enter opens the best hit', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('heading', { name: /^Hello/ }).waitFor();
    // At full speed, with no pause between the shortcut and the typing, then Enter at once.
    await page.keyboard.press('Control+K');
    await page.keyboard.type(company);
    await expect(page.getByLabel('Search records or type a command')).toHaveValue(company);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
    expect(page.url()).toContain(`/o/accounts/${accountId}`);
  });

  test('ranks the account above the people who work there, preselected, badges whole', async ({
    page,
    unique,
  }) => {
    await page.goto('/');
    await page.getByRole('button', { name: /Search or create/ }).click();
    const search = page.getByLabel('Search records or type a command');
    // A typo in the company name: "Zyntrx".
    await search.pressSequentially(`Zyntrx ${unique}`);
    const options = page.getByRole('option');
    const best = options.first();
    await expect(best).toHaveAttribute('aria-selected', 'true');
    await expect(best).toContainText(company);
    await expect(best).toContainText('Account');
    // Then the rest: people match by their names only (typos included), so here only the create actions.
    await expect(options.nth(1)).toBeVisible();
    await expect(page.getByRole('option', { selected: true })).toHaveCount(1);
    // The type badge of every hit is whole and on screen (it was cut off on phones).
    const width = page.viewportSize()!.width;
    for (const badge of await page.getByRole('listbox').locator('.mantine-Badge-root').all()) {
      const box = (await badge.boundingBox())!;
      expect(box.x + box.width, 'badge right edge').toBeLessThanOrEqual(width);
      expect(await badge.evaluate((b) => b.scrollWidth <= b.clientWidth), 'badge text fits').toBe(true);
    }
    await checkAccessibility(page, 'command palette with results');
    if (test.info().project.name === 'desktop') await captureScreen(page, 'command-palette', true);
    // The first ↓ moves past the preselected top hit to the second one.
    await search.press('ArrowDown');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await search.press('ArrowUp');
    await search.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
  });

  test('creating is a deliberate choice, never what Enter does by default', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('heading', { name: /^Hello/ }).waitFor();
    await page.keyboard.press('Control+K');
    const search = page.getByLabel('Search records or type a command');
    const nothing = `Qqxvwjpt Yblorfkh`;
    await search.fill(nothing);
    await checkAccessibility(page, 'command palette while results load');
    await search.press('Enter');
    await expect(page.getByRole('status')).toHaveText(`No records match “${nothing}”.`);
    await expect(page.getByRole('option', { selected: true })).toHaveCount(0);
    await expect(page.getByRole('dialog', { name: /^New / })).toHaveCount(0);
    await checkAccessibility(page, 'command palette without results');
    // Choosing create on purpose: down to "New account: …", then Enter.
    await search.press('ArrowDown');
    await expect(page.getByRole('option', { selected: true })).toHaveText(`New account: “${nothing}”`);
    await search.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New account' });
    await expect(dialog.getByLabel(/^Name/)).toHaveValue(nothing);
  });
});
