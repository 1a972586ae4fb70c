import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';

// Issue #13, items 5 and 6: possibly stale values and bounced emails beside the fields, the quality trend.
// The server's ages and bounces are tested through the API (a history entry backdated, a bounce sent over
// SMTP); here the page is handed a two-year-old value and a bounce, and must show them.
test('a record page marks a possibly stale value and a bounced email beside the field', async ({
  page,
  workspace,
  unique,
}) => {
  const contact = await workspace.post('contacts', {
    firstName: 'Stella',
    lastName: `Stale${unique}`,
    email: `stella.${unique}@stale.example`,
    title: 'Buyer',
  });
  await page.route(`**/api/v1/contacts/${contact.id}/provenance`, async (route) => {
    const answer = (await (await route.fetch()).json()) as {
      data: { field: string; ageDays: number; stale: boolean; at: string }[];
    };
    const twoYearsAgo = new Date(Date.now() - 740 * 86_400_000).toISOString();
    for (const p of answer.data)
      if (p.field === 'title') Object.assign(p, { ageDays: 740, stale: true, at: twoYearsAgo });
    await route.fulfill({ json: answer });
  });
  await page.route(`**/api/v1/contacts/${contact.id}/quality`, async (route) => {
    const answer = (await (await route.fetch()).json()) as Record<string, unknown>;
    const bounce = {
      address: `stella.${unique}@stale.example`,
      at: '2026-11-04T09:30:00.000Z',
      reason: '550 5.1.1 User unknown',
    };
    await route.fulfill({ json: { ...answer, emailBounces: [bounce] } });
  });
  await page.goto(`/o/contacts/${contact.id}`);
  const stale = page.getByTestId('stale-title');
  await expect(stale).toHaveText(/^Possibly stale \(set 2 years ago by .+\)$/);
  await expect(page.getByTestId('stale-email')).toHaveCount(0);
  await expect(page.getByTestId('email-bounced')).toContainText('Email bounced on');
  await expect(page.getByTestId('email-bounced')).toContainText('550 5.1.1 User unknown');
  await checkAccessibility(page, 'a contact with a stale value and a bounced email');
  await captureScreen(page, 'field-freshness', true);

  await page.getByRole('tab', { name: 'Sources' }).click();
  const sources = page.getByTestId('provenance');
  await expect(sources.getByRole('row', { name: /Job title|Title/ })).toContainText('2 years');
  await expect(sources).toContainText('possibly stale');
  await checkAccessibility(page, 'the Sources tab with ages');
});

test('the data quality page shows the score trend from the snapshots', async ({ page, workspace }) => {
  await workspace.post('quality/snapshots', { object: 'contacts' });
  await page.goto('/quality');
  await page.getByRole('heading', { name: 'Data quality' }).waitFor();
  const trend = page.getByTestId('quality-trend');
  await expect(trend.getByRole('heading', { name: 'Score over 90 days' })).toBeVisible();
  await expect(trend.locator('.recharts-line')).toHaveCount(1);
  await expect(page.getByTestId('quality-trend-change')).toHaveText(
    /Not enough history yet to compare with 30 days ago\.|points (better|worse) than 30 days ago\.|The same as 30 days ago\./,
  );
  await trend.getByRole('button', { name: 'Take a snapshot now' }).click();
  await expect(trend.getByRole('button', { name: 'Take a snapshot now' })).toBeEnabled();
  await checkAccessibility(page, 'the data quality view with its trend');
  await captureScreen(page, 'quality-trend', true);
});
