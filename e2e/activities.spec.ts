import { startSmtpReceiver } from '../src/server/smtpReceiver';
import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

test('log a call from the command palette and see it in the account timeline', async ({
  page,
  workspace,
  unique,
}, testInfo) => {
  const account = await workspace.post<{ id: string }>('accounts', { name: `Initech ${unique}` });
  await workspace.post('activities', {
    type: 'meeting',
    subject: `Kick-off ${unique}`,
    occurredAt: '2026-01-15T10:00:00.000Z',
    links: [{ object: 'accounts', id: account.id }],
  });
  await page.goto(`/o/accounts/${account.id}`);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText(`Kick-off ${unique}`)).toBeVisible();

  await page.keyboard.press('Control+K');
  const palette = page.getByRole('combobox', { name: 'Search records or type a command' });
  await palette.fill('Log a call');
  await page.getByRole('option', { name: 'Log a call', exact: true }).click();

  const dialog = page.getByRole('dialog', { name: 'Log activity' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Subject').fill(`Called about the renewal ${unique}`);
  await dialog.getByLabel('Notes').fill('They want a three-year term.');
  await checkAccessibility(page, 'log activity form');
  await dialog.getByRole('button', { name: 'Log call' }).click();
  await expect(dialog).toHaveCount(0);
  const logged = timeline.getByText(`Called about the renewal ${unique}`);
  await expect(logged).toBeVisible();
  await expect(timeline.getByText('They want a three-year term.')).toBeVisible();
  await checkAccessibility(page, 'account timeline');
  await captureScreen(page, 'account-timeline', testInfo.project.name === 'desktop');

  // The same form opens with one key on the record page.
  await page.keyboard.press('l');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
});

test('a reminder appears live while the app is open', async ({ page, workspace, unique }, testInfo) => {
  // Right after the suite seeds 100,000 contacts, their change events are still being dispatched, and
  // the reminder's scheduling waits its turn behind them: allow that, rather than a quiet server's seconds.
  test.setTimeout(180_000);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'My day' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Call list' })).toBeVisible();
  await checkAccessibility(page, 'home page with My day');
  const reminderAt = new Date(Date.now() + 4000).toISOString();
  await workspace.post('activities', {
    type: 'task',
    subject: `Call back Ann ${unique}`,
    dueAt: reminderAt,
    reminderAt,
  });
  const reminder = page.locator('.mantine-Notification-root').filter({ hasText: `Call back Ann ${unique}` });
  const inBell = page.getByRole('dialog').getByText(`Call back Ann ${unique}`);
  if (testInfo.project.name === 'phone') {
    // On a phone a live notice only counts on the bell, where it is read.
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await expect(inBell).toBeVisible({ timeout: 150_000 });
    await expect(reminder).toHaveCount(0);
    await page.getByRole('dialog').getByRole('button', { name: 'Mark all read' }).click();
    await expect(inBell).toHaveCount(0);
  } else {
    await expect(reminder).toBeVisible({ timeout: 150_000 });
    // The bell counts it among the unread until it is read.
    await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    await expect(inBell).toBeVisible();
    await page.keyboard.press('Escape');
    // Closed means read.
    await reminder.getByRole('button').click();
    await expect(reminder).toHaveCount(0);
  }
  // Read, it does not come back on the next page, neither as a notice nor behind the bell.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'My day' })).toBeVisible();
  await expect(reminder).toHaveCount(0);
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(inBell).toHaveCount(0);
});

test('the morning email of my day is turned on and off from My day', async ({ page, workspace }) => {
  await workspace.delete('me/digest');
  await page.goto('/');
  const morning = page.getByRole('switch', { name: 'Email me my day at 7:00' });
  await expect(morning).not.toBeChecked();
  await morning.click();
  await expect(morning).toBeChecked();
  const on = await workspace.get<{ enabled: boolean; timeZone: string; hour: number }>('me/digest');
  expect(on).toMatchObject({ enabled: true, hour: 7 });
  await checkAccessibility(page, 'My day with the morning email on');
  await morning.click();
  await expect(morning).not.toBeChecked();
  expect((await workspace.get<{ enabled: boolean }>('me/digest')).enabled).toBe(false);
});

test("a meeting's invitation is emailed to its contact as a calendar invitation", async ({
  page,
  workspace,
  unique,
}) => {
  const receiver = await startSmtpReceiver(undefined, '127.0.0.2');
  const smtp = { host: '127.0.0.2', port: receiver.port, secure: false, fromAddress: 'crm@demo.test' };
  await workspace.patch('mail/settings', { smtp });
  try {
    const email = `${unique}.invited@example.com`;
    const contact = await workspace.post<{ id: string }>('contacts', {
      firstName: 'Ivy',
      lastName: `Invited ${unique}`,
      email,
    });
    const meeting = await workspace.post<{ id: string }>('activities', {
      type: 'meeting',
      subject: `Demo for ${unique}`,
      occurredAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      links: [{ object: 'contacts', id: contact.id }],
    });
    await page.goto(`/o/activities/${meeting.id}`);
    // The meeting's related records show by name, as links.
    await expect(page.getByRole('link', { name: `Ivy Invited ${unique}` })).toBeVisible();
    const card = page.getByRole('region', { name: 'Invitation' });
    await card.getByLabel('Note above the details').fill('See you there.');
    await checkAccessibility(page, 'meeting invitation');
    await card.getByRole('button', { name: 'Email the invitation' }).click();
    await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
    await expect
      .poll(() => receiver.received.find((r) => r.rcpt.includes(email))?.mail.attachments[0]?.filename)
      .toBe('invite.ics');
    await card.scrollIntoViewIfNeeded();
    await captureScreen(page, 'meeting-invitation', true);
  } finally {
    await workspace.patch('mail/settings', { smtp: null });
    await receiver.close();
  }
});

test("My day shows the rep's deals needing attention and the records they opened lately", async ({
  page,
  workspace,
  unique,
}, testInfo) => {
  // The oldest close date of all: first among the deals whose close date passed.
  const deal = await workspace.post<{ id: string }>('deals', {
    name: `Forgotten renewal ${unique}`,
    closeDate: '2001-01-01',
  });
  const account = await workspace.post<{ id: string }>('accounts', { name: `Umbrella ${unique}` });
  await page.goto(`/o/accounts/${account.id}`);
  await expect(page.getByRole('heading', { name: `Umbrella ${unique}` })).toBeVisible();

  await page.goto('/');
  const attention = page.getByRole('region', { name: 'Deals needing attention' });
  const row = attention.getByRole('link', { name: `Forgotten renewal ${unique}` });
  await expect(row).toBeVisible();
  await expect(attention.getByText('Close date passed 1 Jan 2001').first()).toBeVisible();
  await expect(attention.getByText('No next step').first()).toBeVisible();
  const recent = page.getByRole('region', { name: 'Recently viewed' });
  await expect(recent.getByRole('link').first()).toHaveText(`Umbrella ${unique}`);
  await checkAccessibility(page, 'home page with deals needing attention and recently viewed');
  await captureScreen(page, 'my-day-attention', testInfo.project.name === 'desktop');

  // A next step and a later close date take the deal off the list.
  await workspace.patch(`deals/${deal.id}`, { nextStep: 'Call the buyer', closeDate: '2099-01-01' });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'My day' })).toBeVisible();
  await expect(page.getByRole('link', { name: `Forgotten renewal ${unique}` })).toHaveCount(0);
  await recent.getByRole('link', { name: `Umbrella ${unique}` }).click();
  await expect(page).toHaveURL(new RegExp(`/o/accounts/${account.id}$`));
});
