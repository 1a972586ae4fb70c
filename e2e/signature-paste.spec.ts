import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';
import { labelled } from './scenario';

// Issue #10 item 10: the office phone was dropped, "EMEA" became the company, the address and website went to notes.
test('a pasted signature fills each part into its own field, and offers the company as a new account', async ({
  page,
  workspace,
  unique,
}) => {
  const company = `Northwind ${unique} Ltd`;
  const domain = `northwind-${unique.toLowerCase()}.example`;
  // A name of its own per run, so that the other width's contact is no likely duplicate.
  const lastName = `Kowal${unique.toLowerCase()}`;
  await page.goto('/o/contacts');
  // By its shortcut, as a keyboard user would.
  await expect(page.getByRole('grid', { name: 'Contacts' })).toBeVisible();
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'New contact' });
  const signature = dialog.getByLabel('Paste an email signature');
  await signature.fill(
    [
      'Kind regards,',
      `Marta ${lastName}`,
      `VP Sales, EMEA | ${company}`,
      'Office: +44 20 7946 0100 | Mobile: +44 7700 900123',
      'Fax: +44 20 7946 0199',
      `marta.${unique.toLowerCase()}@${domain}`,
      `www.${domain}`,
      '1 Canada Square, London E14 5AB, United Kingdom',
    ].join('\n'),
  );
  await signature.blur();

  await expect(labelled(dialog, 'Job title')).toHaveValue('VP Sales, EMEA');
  await expect(labelled(dialog, 'Phone')).toHaveValue('+44 20 7946 0100');
  await expect(labelled(dialog, 'Mobile')).toHaveValue('+44 7700 900123');
  await expect(dialog.getByText('+44 20 7946 0199', { exact: true })).toBeVisible();
  const address = dialog.getByRole('group', { name: 'Address' });
  await expect(labelled(address, 'Street')).toHaveValue('1 Canada Square');
  await expect(labelled(address, 'City')).toHaveValue('London');
  await expect(labelled(address, 'Postal code')).toHaveValue('E14 5AB');
  await expect(labelled(address, 'Country')).toHaveValue('United Kingdom');
  // Nothing that has a field of its own lands in the notes.
  await expect(labelled(dialog, 'Personal notes')).toHaveValue('');
  await checkAccessibility(page, 'the new-contact form after a signature paste');
  await captureScreen(page, 'signature-paste', true);

  await dialog.getByRole('button', { name: `Create account ${company}` }).click();
  await expect(dialog.getByText(`Account ${company} created.`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  // The other width's run made a contact with the same phones: a likely duplicate, created anyway.
  const heading = page.getByRole('heading', { level: 1, name: `Marta ${lastName}` });
  const anyway = dialog.getByRole('button', { name: 'Create anyway' });
  await expect(heading.or(anyway)).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  await expect(heading).toBeVisible();

  const id = page.url().split('/').pop()!;
  const contact = await workspace.get<Record<string, unknown>>(`contacts/${id}`);
  expect(contact).toMatchObject({
    title: 'VP Sales, EMEA',
    phone: '+442079460100',
    mobilePhone: '+447700900123',
    phones: ['+442079460199'],
    mailingAddress: { street: '1 Canada Square', city: 'London', postalCode: 'E14 5AB' },
  });
  const account = await workspace.get<Record<string, unknown>>(`accounts/${contact.accountId as string}`);
  expect(account).toMatchObject({ name: company, domain });
});
