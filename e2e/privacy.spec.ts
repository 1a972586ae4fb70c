import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';

// Issue #13 item 7: consent per channel, and an erasure that asks for the person's name first.
test('consent is recorded per channel, and an erasure clears the person once their name is typed', async ({
  page,
  workspace,
  unique,
  guard,
}, testInfo) => {
  const contact = await workspace.post('contacts', {
    firstName: 'Erin',
    lastName: `Privacy${unique}`,
    emails: [`erin.${unique}@privacy.example`],
  });
  await workspace.post('activities', {
    type: 'call',
    subject: `Erin told us about her divorce ${unique}`,
    links: [{ object: 'contacts', id: contact.id }],
  });

  await page.goto(`/o/contacts/${contact.id}`);
  const panel = page.getByTestId('privacy-panel');
  await expect(panel.getByText('not asked').first()).toBeVisible();
  await panel.getByRole('textbox', { name: 'Source' }).fill('web form');
  await panel.getByRole('button', { name: 'Record' }).click();
  await expect(panel.getByRole('cell', { name: 'Granted', exact: true })).toBeVisible();
  await expect(panel.getByText(/web form,/)).toBeVisible();
  await checkAccessibility(page, 'the privacy panel');
  await captureScreen(page, 'privacy-panel', testInfo.project.name === 'desktop');

  await panel.getByRole('button', { name: 'Erase this person' }).click();
  const dialog = page.getByRole('dialog', { name: 'Erase this person' });
  const erase = dialog.getByRole('button', { name: 'Erase for good' });
  await expect(erase).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Name of the person to erase' }).fill('Somebody Else');
  await guard.allow(400, /\/api\/v1\/contacts\/[0-9a-f-]+\/erase$/, async () => {
    await erase.click();
    await expect(dialog.getByText("must be the contact's full name or its id")).toBeVisible();
  });
  await dialog.getByRole('textbox', { name: 'Name of the person to erase' }).fill(`Erin Privacy${unique}`);
  await erase.click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Erased contact' })).toBeVisible();
  await expect(page.getByText(`erin.${unique}@privacy.example`)).toHaveCount(0);

  const timeline = await workspace.get<{ data: { subject: string | null }[] }>(
    `contacts/${contact.id}/timeline`,
  );
  expect(timeline.data.length).toBeGreaterThan(0);
  expect(JSON.stringify(timeline.data)).not.toContain('divorce');
});
