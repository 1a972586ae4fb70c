import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

test('an admin finds the inbound address, sees the listener state, and a private SMTP host is refused', async ({
  page,
  guard,
}) => {
  await page.goto('/settings/mail');
  await expect(page.getByRole('heading', { name: 'Mail', exact: true })).toBeVisible();
  await expect(page.getByTestId('inbound-address')).toHaveText(/^in-[a-z2-7]{20}@/);
  await expect(page.getByText('off (set RAPPORT_SMTP_PORT to turn it on)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy the inbound address' })).toBeVisible();
  await checkAccessibility(page, 'mail settings');

  await page.getByRole('textbox', { name: /^Host/ }).fill('0177.0.0.1');
  await page.getByLabel('From address').fill('sales@example.com');
  await guard.allow(400, /\/api\/v1\/mail\/settings/, async () => {
    await page.getByRole('button', { name: 'Save SMTP server' }).click();
    await expect(page.getByRole('alert')).toContainText('Rapport does not connect to 0177.0.0.1');
  });
  await captureScreen(page, 'mail-settings', true);
});

test('my mailbox and the review list say plainly when there is nothing yet', async ({ page }) => {
  await page.goto('/mail/review');
  await expect(page.getByText('Nothing waits for review.')).toBeVisible();
  await checkAccessibility(page, 'mail review');
  await page.goto('/mail/mailbox');
  await expect(page.getByRole('heading', { name: 'Connect a mailbox (IMAP)' })).toBeVisible();
  await checkAccessibility(page, 'my mailbox');
});

test('a contact has an Email tab with the composer and its template picker', async ({
  page,
  workspace,
  unique,
}) => {
  await workspace.post('mail/templates', {
    name: `Intro ${unique}`,
    subject: 'Hello {{contact.firstName}}',
    body: 'Dear {{contact.firstName}}, {{user.name}}',
  });
  const contact = await workspace.post('contacts', {
    firstName: `Mae ${unique}`,
    email: `mae-${unique}@example.com`,
  });
  await page.goto(`/o/contacts/${contact.id}`);
  await page.getByRole('tab', { name: 'Email' }).click();
  await page.getByRole('button', { name: 'Send email' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send email' });
  await dialog.getByLabel('Template').click();
  await page.getByRole('option', { name: `Intro ${unique}` }).click();
  await expect(dialog.getByLabel('Subject')).toHaveValue('Hello {{contact.firstName}}');
  await captureScreen(page, 'mail-composer', true);
});

test('an email on the timeline is answered from there, in its thread', async ({
  page,
  workspace,
  unique,
}) => {
  const contact = await workspace.post('contacts', {
    firstName: `Rae ${unique}`,
    email: `rae-${unique}@example.com`,
  });
  await workspace.post('activities', {
    type: 'email',
    direction: 'inbound',
    subject: `Pricing question ${unique}`,
    occurredAt: new Date().toISOString(),
    links: [{ object: 'contacts', id: contact.id }],
  });
  await page.goto(`/o/contacts/${contact.id}`);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('button', { name: `Reply to Pricing question ${unique}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Reply' });
  await expect(dialog.getByLabel('Subject')).toHaveValue(`Re: Pricing question ${unique}`);
  await expect(dialog.getByLabel('To')).toHaveAttribute('placeholder', 'the sender of the email answered');
  await checkAccessibility(page, 'reply from the timeline');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // The timeline's filter offers every channel.
  await page.getByRole('combobox', { name: 'Show on the timeline' }).click();
  for (const channel of ['Calls', 'Emails', 'Text messages', 'Chats', 'Visits', 'Social'])
    await expect(page.getByRole('option', { name: channel, exact: true })).toBeVisible();
  await page.getByRole('option', { name: 'Emails', exact: true }).click();
  await expect(timeline.getByText(`Pricing question ${unique}`)).toBeVisible();
  await page.getByRole('combobox', { name: 'Show on the timeline' }).click();
  await page.getByRole('option', { name: 'Chats', exact: true }).click();
  await expect(timeline.getByText('Nothing yet.', { exact: false })).toBeVisible();
});
