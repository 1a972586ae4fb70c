import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';

// Issue #10 item 7: the account page puts the owner and the people first, and accounts are links.
test('the account page shows its owner up top, people first on a phone, and the main-company flag only where it tells something', async ({
  page,
  workspace,
  unique,
}) => {
  const account = await workspace.post('accounts', { name: `Page ${unique}`, industry: 'Retail' });
  const other = await workspace.post('accounts', { name: `Elsewhere ${unique}` });
  await workspace.post('contacts', {
    firstName: 'Solo',
    lastName: unique,
    accountId: account.id,
  });
  const both = await workspace.post('contacts', { firstName: 'Both', lastName: unique, accountId: other.id });
  await workspace.post(`contacts/${both.id}/accounts`, { accountId: account.id, role: 'Advisor' });

  await page.goto(`/o/accounts/${account.id}`);
  // The owner is the first of the header's key facts, under the name, not at the bottom in a System box.
  const facts = page.getByRole('group', { name: 'Key facts' });
  await expect(facts.locator(':scope > *').first()).toHaveText(/^Owner\s*Alex Admin$/);

  const people = page.getByRole('heading', { name: /^People/ });
  await expect(people).toBeVisible();
  // Solo works only here: no flag. Both's main company is elsewhere, and the page says so in words.
  const soloRow = page.getByRole('link', { name: `Solo ${unique}` });
  await expect(soloRow).toBeVisible();
  await expect(page.getByText('Main company is elsewhere')).toHaveCount(1);
  await expect(page.getByText('Primary', { exact: true })).toHaveCount(0);
  if (test.info().project.name === 'phone') {
    // Top to bottom: the people and the next steps (the deals, the timeline where the next call is
    // logged) come before the groups of fields, which start with the one holding Industry.
    const timeline = page.getByRole('heading', { name: 'Timeline' });
    const deals = page.getByRole('heading', { name: 'Deals', exact: true });
    await expect(timeline).toBeVisible();
    await expect(deals).toBeVisible();
    const fieldsTop = await page
      .getByText('Industry', { exact: true })
      .last()
      .evaluate((label) => label.closest('.mantine-SimpleGrid-root')?.getBoundingClientRect().top ?? 0);
    for (const [name, heading] of [
      ['people', people],
      ['deals', deals],
      ['timeline', timeline],
    ] as const) {
      const box = await heading.boundingBox();
      expect(box, `${name} heading`).not.toBeNull();
      expect((box?.y ?? Infinity) + (box?.height ?? 0), `${name} come before the fields`).toBeLessThan(
        fieldsTop,
      );
    }
  }
  await checkAccessibility(page, 'the account page');
  if (test.info().project.name === 'desktop') await captureScreen(page, 'account-page', true);

  // From the contact: its account in the header is a link back.
  await soloRow.click();
  await page
    .getByRole('link', { name: `Page ${unique}` })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/o/accounts/${account.id}$`));

  // In the contacts list, the Account column opens the account; its pencil edits the link.
  await page.goto(`/o/contacts?q=${encodeURIComponent(`Solo ${unique}`)}`);
  const row = page.getByRole('row', { name: `Select Solo ${unique}` });
  await expect(row.getByRole('button', { name: 'Edit Account' })).toBeVisible();
  await row.getByRole('link', { name: `Page ${unique}` }).click();
  await expect(page).toHaveURL(new RegExp(`/o/accounts/${account.id}$`));
  await expect(page.getByRole('heading', { name: `Page ${unique}` })).toBeVisible();
});
