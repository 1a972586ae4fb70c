import { radicaleCommand, startRadicale } from '../src/modules/calendars/server/radicale';
import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

const basic = `Basic ${Buffer.from('alex:cal-pw-1').toString('base64')}`;

// Issue #12 item 6: a meeting made on the phone comes into Rapport linked to the contact invited.
test.skip(!radicaleCommand && process.env.CI !== 'true', 'Radicale is not installed');

test('Calendar sync connects a CalDAV calendar and brings a phone-made meeting to the invited contact', async ({
  page,
  workspace,
  unique,
}, testInfo) => {
  // The suite's server allows outside hosts at 127.0.0.2 only (127.0.0.1 stays refused).
  const radicale = await startRadicale('alex', 'cal-pw-1', '127.0.0.2');
  try {
    const dav = (method: string, path: string, body: string, type: string) =>
      fetch(`${radicale.url}${path}`, {
        method,
        body,
        headers: { authorization: basic, 'content-type': type },
      });
    await dav(
      'MKCALENDAR',
      '/alex/work/',
      '<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:displayname>Work</d:displayname></d:prop></d:set></c:mkcalendar>',
      'application/xml',
    );
    const email = `jane.${unique}@acme.example`;
    const jane = await workspace.post('contacts', { firstName: 'Jane', lastName: unique, email });
    const start = new Date(Date.now() + 86_400_000).toISOString().replace(/[-:]|\.\d{3}/g, '');
    const made = await dav(
      'PUT',
      `/alex/work/${unique}.ics`,
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Phone//EN',
        'BEGIN:VEVENT',
        `UID:${unique}@phone.example`,
        `DTSTAMP:${start}`,
        `DTSTART:${start}`,
        'DURATION:PT45M',
        `SUMMARY:Kick-off ${unique}`,
        `ATTENDEE;CN=Jane:mailto:${email}`,
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
      'text/calendar',
    );
    expect(made.status).toBe(201);

    await page.goto('/profile');
    const card = page.getByRole('region', { name: 'Calendar sync' });
    await card.getByRole('textbox', { name: 'Calendar server address' }).fill(`${radicale.url}/`);
    await card.getByRole('textbox', { name: 'User' }).fill('alex');
    await card.getByLabel('Password (an app password where the server offers one)').fill('cal-pw-1');
    await card.getByRole('button', { name: 'Connect' }).click();
    await card.getByRole('combobox', { name: 'Calendar to sync' }).click();
    await page.getByRole('option', { name: 'Work' }).click();
    await expect(card.getByRole('button', { name: 'Change calendar' })).toBeVisible();
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByRole('row', { name: 'Meetings imported 1' })).toBeVisible({ timeout: 30_000 });
    await expect(card.getByText('Calendar: Work')).toBeVisible();
    await expect(card.getByText('Syncing', { exact: true })).toBeVisible();
    await checkAccessibility(page, 'calendar sync, connected and synced');
    await captureScreen(page, 'calendar-sync', testInfo.project.name === 'desktop');

    await page.goto(`/o/contacts/${jane.id}`);
    await expect(page.getByText(`Kick-off ${unique}`).first()).toBeVisible();

    await page.goto('/profile');
    await page.getByRole('region', { name: 'Calendar sync' }).getByRole('button', { name: 'Remove' }).click();
    await page
      .getByRole('dialog', { name: 'Stop syncing this calendar?' })
      .getByRole('button', { name: 'Stop syncing' })
      .click();
    await expect(page.getByRole('button', { name: 'Connect' })).toBeVisible();
  } finally {
    // A failed run leaves no connection behind for the next one (the card offers Connect only when none).
    const left = await workspace.get<{ data: { id: string }[] }>('me/calendar-connections');
    for (const c of left.data) await workspace.delete(`me/calendar-connections/${c.id}`);
    await radicale.stop();
  }
});
