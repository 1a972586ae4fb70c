import type { Page } from '@playwright/test';
import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

/** What the CardDAV principal answers a phone signing in with this password. */
async function principalStatus(page: Page, token: string): Promise<number> {
  const basic = Buffer.from(`admin@demo.rapport.test:${token}`).toString('base64');
  const answer = await page.request.fetch('/dav/principal/', {
    method: 'PROPFIND',
    headers: { authorization: `Basic ${basic}`, depth: '0' },
  });
  return answer.status();
}

// Issue #12 item 6: the page that puts Rapport's contacts in the phone's own contacts app.
test('Contacts on your phone gives the CardDAV address and a password for the phone, shown once', async ({
  page,
  workspace,
}, testInfo) => {
  await workspace.confirmPassword();
  await page.goto('/settings/phone-contacts');
  await expect(page.getByRole('heading', { level: 1, name: 'Contacts on your phone' })).toBeVisible();
  const address = new URL('/dav/', page.url()).href;
  await expect(page.getByText(address, { exact: true }).first()).toBeVisible();
  await checkAccessibility(page, 'contacts on your phone');
  await page.getByRole('button', { name: 'Create a password for my phone' }).click();
  const shown = page.getByRole('alert').filter({ hasText: "Your phone's password (shown only now)" });
  await expect(shown.locator('code')).toHaveText(/^rk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
  await checkAccessibility(page, 'contacts on your phone, with its password');
  const token = (await shown.locator('code').textContent()) ?? '';
  await captureScreen(page, 'phone-contacts', testInfo.project.name === 'desktop', async () => {
    await shown.locator('code').evaluate((code) => (code.textContent = 'rk_…'));
  });
  expect(await principalStatus(page, token)).toBe(207);

  // A lost phone: its password is revoked from the same page, and the phone stops syncing at once.
  const revoke = page.getByRole('button', { name: /^Revoke the phone password made / }).last();
  await expect(revoke).toBeVisible();
  await checkAccessibility(page, 'contacts on your phone, with the phones that have a password');
  const before = await page.getByRole('button', { name: /^Revoke the phone password made / }).count();
  await revoke.click();
  await expect(page.getByRole('button', { name: /^Revoke the phone password made / })).toHaveCount(
    before - 1,
  );
  expect(await principalStatus(page, token)).toBe(401);
});
