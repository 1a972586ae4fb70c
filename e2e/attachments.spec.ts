import { readFile } from 'node:fs/promises';
import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

test('log a call with a file attached, see it on the account timeline and download it', async ({
  page,
  workspace,
  unique,
}, testInfo) => {
  const account = await workspace.post<{ id: string }>('accounts', { name: `Globex ${unique}` });
  const proposal = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(`Proposal for ${unique}\n`)]);
  await page.goto(`/o/accounts/${account.id}`);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('button', { name: /Log activity/ }).click();

  const dialog = page.getByRole('dialog', { name: 'Log activity' });
  await dialog.getByLabel('Subject').fill(`Sent the proposal ${unique}`);
  await dialog.locator('input[type=file]').setInputFiles({
    name: 'Proposal 2027.pdf',
    mimeType: 'application/pdf',
    buffer: proposal,
  });
  const chosen = dialog.getByRole('list', { name: 'Chosen files' });
  await expect(chosen.getByText('Proposal 2027.pdf')).toBeVisible();
  await expect(chosen.getByText(`${proposal.length} bytes`)).toBeVisible();
  await checkAccessibility(page, 'log activity form with a file');
  await captureScreen(page, 'log-activity-with-file', testInfo.project.name === 'desktop');
  await dialog.getByRole('button', { name: 'Log call' }).click();
  await expect(dialog).toHaveCount(0);

  const link = timeline.getByRole('link', { name: 'Proposal 2027.pdf' });
  await expect(timeline.getByText(`Sent the proposal ${unique}`)).toBeVisible();
  await expect(link).toBeVisible();
  await checkAccessibility(page, 'account timeline with a file');
  await captureScreen(page, 'timeline-attachment', testInfo.project.name === 'desktop', () =>
    link.evaluate((e) => e.scrollIntoView({ block: 'center' })),
  );

  const download = page.waitForEvent('download');
  await link.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Proposal 2027.pdf');
  expect((await readFile((await file.path())!)).equals(proposal)).toBe(true);

  // The activity's own page lists its files and takes more.
  const [call] = (
    await workspace.get<{ data: { id: string }[] }>(
      `activities?filter[links][eq]=accounts:${account.id}&filter[type][eq]=call`,
    )
  ).data;
  await page.goto(`/o/activities/${call!.id}`);
  const files = page.getByRole('region', { name: 'Files' });
  await expect(files.getByRole('link', { name: 'Proposal 2027.pdf' })).toBeVisible();
  await files.locator('input[type=file]').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Follow up in March'),
  });
  await expect(files.getByRole('link', { name: 'notes.txt' })).toBeVisible();
  await expect(files.getByText('notes.txt: attached')).toBeVisible();
  await checkAccessibility(page, 'activity files');
  await files.getByRole('button', { name: 'Remove notes.txt' }).click();
  await expect(files.getByRole('link', { name: 'notes.txt' })).toHaveCount(0);
});
