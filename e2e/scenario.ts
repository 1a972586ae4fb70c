/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, type Locator, type Page } from '@playwright/test';
import type { PageGuard } from './browser';
import {
  captureScreen,
  checkAccessibility,
  expectNoInjectedMarkup,
  scrollGrid,
  timeToFirstRows,
  xssPayloads,
} from './checks';

/** What the steps of the first-hour story share: one page, signed in by the first step. */
export interface StepContext {
  page: Page;
  guard: PageGuard;
  baseUrl: string;
  figures: Record<string, number>;
  accountUrl?: string;
}

// Letters only, so generated names still look like names to the signature parser.
const stamp = Date.now()
  .toString(26)
  .slice(-5)
  .replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]);
export const names = {
  account: `Zephyr <b>Analytics</b> 🚀 שלום ${stamp}`,
  domain: `zephyr-${stamp}.test`,
  first: { firstName: 'Theodora', lastName: `Quillfeather${stamp}` },
  second: { firstName: 'Bruno', lastName: `Okonkwo${stamp}` },
  third: { firstName: 'Ada', lastName: `Whitlock${stamp}` },
  view: `Zephyr people ${stamp}`,
};
/** An input by its exact label; Mantine appends a hidden " *" to required ones. */
export function labelled(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
}
const emailOf = (first: string) => `${first.toLowerCase()}@zephyr-${stamp}.test`;

export async function signIn({ page, baseUrl }: StepContext): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { name: 'Sign in to your workspace' }).waitFor();
  await checkAccessibility(page, 'sign-in');
  await captureScreen(page, 'sign-in');
  await page.getByLabel('Email').fill('admin@demo.rapport.test');
  await labelled(page, 'Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: /^Hello/ }).waitFor();
  await captureScreen(page, 'home');
  await checkAccessibility(page, 'home');
}

export async function accountsList(ctx: StepContext): Promise<void> {
  const { page, figures } = ctx;
  figures.accountsFirstRowsMs = Math.round(await timeToFirstRows(page, 'Accounts'));
  await page.getByRole('heading', { name: 'Accounts' }).waitFor();
  await page.getByText(/^\d[\d,]* accounts?$/).waitFor();
  await captureScreen(page, 'accounts-list', true);
  await checkAccessibility(page, 'accounts list');
}

export async function createAccount({ page }: StepContext): Promise<void> {
  await page.getByRole('button', { name: 'New account' }).click();
  const dialog = page.getByRole('dialog', { name: 'New account' });
  await labelled(dialog, 'Name').fill(names.account);
  await labelled(dialog, 'Domain').fill(names.domain);
  // 10,000 characters ending in markup that would run if inserted as HTML; the field must exist.
  await labelled(dialog, 'Description').fill(`${'Long notes. '.repeat(833)}${xssPayloads.img}`);
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: names.account }).waitFor();
  const heading = page.getByRole('heading', { level: 1 });
  expect(await heading.textContent(), 'account name renders as text').toBe(names.account);
  expect(await heading.locator('b').count(), 'no markup from the name').toBe(0);
  await expectNoInjectedMarkup(page, 'the new account');
}

export async function addContactsFromAccount(ctx: StepContext): Promise<void> {
  const { page, guard } = ctx;
  ctx.accountUrl = page.url();
  await page.getByRole('button', { name: 'New contact' }).click();
  let dialog = page.getByRole('dialog', { name: 'New contact' });
  const signature = dialog.getByLabel('Paste an email signature');
  await signature.fill(
    `Best,\n${names.first.firstName} ${names.first.lastName}\nHead of Data | Zephyr Analytics\n${emailOf('theodora')}\n+1 (415) 555-0142`,
  );
  await signature.blur();
  await expectValue(labelled(dialog, 'First name'), names.first.firstName);
  await expectValue(labelled(dialog, 'Last name'), names.first.lastName);
  await expectValue(labelled(dialog, 'Job title'), 'Head of Data');
  await expectValue(labelled(dialog, 'Email'), emailOf('theodora'));
  // A bad email is refused by the server: the error shows beside the field and the typed input stays.
  await labelled(dialog, 'Email').fill('not-an-email');
  // The likely-duplicates check before saving meets the bad email first, then the create itself.
  await guard.allow(400, /\/api\/v1\/contacts(\/duplicates\/check)?$/, async () => {
    await dialog.getByRole('button', { name: 'Create contact' }).click();
    await dialog.locator('.mantine-InputWrapper-error').first().waitFor();
  });
  await expectValue(labelled(dialog, 'First name'), names.first.firstName);
  await labelled(dialog, 'Email').fill(emailOf('theodora'));
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await page
    .getByRole('heading', { level: 1, name: `${names.first.firstName} ${names.first.lastName}` })
    .waitFor();

  await page.goto(ctx.accountUrl);
  await page.getByRole('button', { name: 'New contact' }).click();
  dialog = page.getByRole('dialog', { name: 'New contact' });
  await labelled(dialog, 'First name').fill(names.second.firstName);
  await labelled(dialog, 'Last name').fill(names.second.lastName);
  await labelled(dialog, 'Email').fill(emailOf('bruno'));
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await page
    .getByRole('heading', { level: 1, name: `${names.second.firstName} ${names.second.lastName}` })
    .waitFor();

  await page.goto(ctx.accountUrl);
  await page.getByRole('link', { name: `${names.first.firstName} ${names.first.lastName}` }).waitFor();
  await page.getByRole('link', { name: `${names.second.firstName} ${names.second.lastName}` }).waitFor();
  await captureScreen(page, 'account-page', true);
  await checkAccessibility(page, 'account page');
}

async function expectValue(locator: Locator, value: string): Promise<void> {
  await locator.waitFor();
  for (let i = 0; i < 40; i++) {
    if ((await locator.inputValue()) === value) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await locator.inputValue(), 'input value').toBe(value);
}

export async function paletteWithTypo({ page }: StepContext): Promise<void> {
  await page.keyboard.press('Control+K');
  const search = page.getByLabel('Search records or type a command');
  await search.waitFor();
  const typo = names.first.lastName.replace('ll', 'l');
  await search.pressSequentially(typo, { delay: 20 });
  const hit = page
    .getByRole('option', { name: new RegExp(`${names.first.firstName} ${names.first.lastName}`) })
    .first();
  await hit.waitFor({ timeout: 10_000 });
  await captureScreen(page, 'command-palette', true);
  await checkAccessibility(page, 'command palette');
  await hit.click();
  await page
    .getByRole('heading', { level: 1, name: `${names.first.firstName} ${names.first.lastName}` })
    .waitFor();
}

export async function contactPageInlineEditAndHistory({ page }: StepContext): Promise<void> {
  await captureScreen(page, 'contact-page', true);
  await checkAccessibility(page, 'contact page');
  await page.getByRole('button', { name: 'Edit Job title' }).click();
  const input = labelled(page, 'Job title');
  await input.fill('VP of Data & Insight');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('VP of Data & Insight').first().waitFor();
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByText(/Head of Data → VP of Data & Insight/).waitFor();
  await captureScreen(page, 'contact-history');
  await page.getByRole('tab', { name: 'Overview' }).click();
}

export async function quickCreateThirdContact({ page }: StepContext): Promise<void> {
  await page.keyboard.press('Control+K');
  await page
    .getByLabel('Search records or type a command')
    .fill(`${names.third.firstName} ${names.third.lastName}`);
  await page.getByRole('option', { name: /^New contact:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'New contact' });
  await expectValue(labelled(dialog, 'Last name'), names.third.lastName);
  await labelled(dialog, 'Email').fill(emailOf('ada'));
  await page.keyboard.press('Control+S');
  await page
    .getByRole('heading', { level: 1, name: `${names.third.firstName} ${names.third.lastName}` })
    .waitFor();
}

export async function filterAndSaveView(ctx: StepContext): Promise<void> {
  const { page, figures } = ctx;
  figures.contactsFirstRowsMs = Math.round(await timeToFirstRows(page, 'Contacts'));
  const scroll = await scrollGrid(page, 3);
  figures.scrollRows = scroll.rowsScrolled;
  figures.scrollLongTasks = scroll.longTasks;
  figures.scrollLongestTaskMs = scroll.longestTaskMs;
  figures.scrollTotalLongTaskMs = scroll.totalLongTaskMs;
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByRole('combobox', { name: 'Field' }).click();
  await page.getByRole('option', { name: 'Email', exact: true }).click();
  await page.getByLabel('Value for Email', { exact: true }).fill(`zephyr-${stamp}`);
  await page.getByRole('button', { name: 'Apply filter' }).click();
  await page.getByText(/^3 contacts$/).waitFor();
  await page.getByRole('button', { name: 'All contacts' }).click();
  await page.getByRole('menuitem', { name: 'Save as new view…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await dialog.getByLabel('View name').fill(names.view);
  await dialog.getByLabel('Share with the whole workspace').check();
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('button', { name: names.view }).waitFor();
  await page.reload();
  await page.getByText(/^3 contacts$/).waitFor();
  await captureScreen(page, 'filtered-saved-view', true);
  await checkAccessibility(page, 'filtered contact list');
}

export async function bulkEdit({ page }: StepContext): Promise<void> {
  await page.getByRole('checkbox', { name: 'Select all loaded rows' }).check();
  await page.getByText('3 selected').waitFor();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Edit 3 contacts/ });
  await labelled(dialog, 'Field to change').click();
  await page.getByRole('option', { name: 'Job title', exact: true }).click();
  await labelled(dialog, 'Job title').fill('Buyer');
  await dialog.getByRole('button', { name: 'Apply to 3' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const updated = page.getByRole('button', { name: /^Buyer\s*,\s*edit Job title$/ });
  for (let i = 0; i < 50 && (await updated.count()) < 3; i++) await page.waitForTimeout(100);
  expect(await updated.count(), 'cells showing the new title').toBe(3);
}

export async function exportCsv({ page }: StepContext): Promise<void> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'CSV (.csv)' }).click(),
  ]);
  const rows = parse(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''), {
    columns: true,
  }) as Record<string, string>[];
  expect(rows.length, 'CSV rows (3 contacts)').toBe(3);
  expect(
    rows.every((r) => r.Email.includes(`zephyr-${stamp}`)),
    'every exported row matches the filter',
  ).toBe(true);
  // Words, not codes: the account by its name, its id in a column of its own.
  const first = rows.find((r) => r['Last name'] === names.first.lastName);
  expect(first?.Account).toBe(names.account);
  expect(first?.['Account ID']).toMatch(/^[0-9a-f]{8}-/);
  expect(first?.Owner).not.toMatch(/^[0-9a-f]{8}-/);
}

export async function adminScreens({ page }: StepContext): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('heading', { name: 'Admin' }).waitFor();
  await page.getByRole('tab', { name: 'Users & roles' }).waitFor();
  await captureScreen(page, 'admin-users');
  await checkAccessibility(page, 'admin');
  await page.getByRole('tab', { name: 'Fields' }).click();
  await page.getByRole('button', { name: 'Add custom field' }).waitFor();
  await captureScreen(page, 'admin-fields');
}

export async function signOut({ page }: StepContext): Promise<void> {
  await page.getByRole('button', { name: /^Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to your workspace' }).waitFor();
}
