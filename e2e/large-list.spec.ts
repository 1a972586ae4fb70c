import { expect, test } from './fixtures';
import { labelled } from './scenario';
import { captureScreen, scrollGrid, timeToFirstRows } from './checks';
import { largeContacts } from './settings';

test.use({ storageState: { cookies: [], origins: [] } });

test(`a list of ${largeContacts.toLocaleString('en-US')} contacts: first rows, 10 s of scrolling`, async ({
  page,
}) => {
  test.skip(largeContacts === 0, 'RAPPORT_E2E_LARGE=0 leaves the large workspace out');
  test.setTimeout(3 * 60_000);
  const login = process.env.RAPPORT_E2E_LARGE_LOGIN;
  if (!login)
    throw new Error('no large workspace was seeded (RAPPORT_E2E_URL points at a server without one?)');
  const large = JSON.parse(login) as { email: string; password: string; contacts: number };
  await page.goto('/');
  await page.getByLabel('Email').fill(large.email);
  await labelled(page, 'Password').fill(large.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: /^Hello/ }).waitFor();
  const firstRowsMs = Math.round(await timeToFirstRows(page, 'Contacts'));
  await page.getByText(new RegExp(`^${large.contacts.toLocaleString('en-US')} contacts$`)).waitFor();
  const scroll = await scrollGrid(page, 10);
  await captureScreen(page, 'large-contacts-list');
  const figure = `${large.contacts.toLocaleString('en-US')} contacts: first rows ${firstRowsMs} ms; 10 s of scrolling: ${scroll.rowsScrolled} rows, ${scroll.longTasks} long tasks, longest ${scroll.longestTaskMs} ms, total ${scroll.totalLongTaskMs} ms`;
  test.info().annotations.push({ type: 'figure', description: figure });
  console.log(`figure: ${figure}`);
  // Measured 268 to 1,171 on this 2-core machine, depending on what else runs (the browser's main thread
  // was busy 7 of the 10 s at 268): a guard against a broken grid, not the target; #9 tracks the drop.
  expect(scroll.rowsScrolled, 'rows scrolled in 10 s').toBeGreaterThanOrEqual(200);
});
