import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

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
  const answer = await page.request.fetch('/dav/principal/', {
    method: 'PROPFIND',
    headers: {
      authorization: `Basic ${Buffer.from(`admin@demo.rapport.test:${token}`).toString('base64')}`,
      depth: '0',
    },
  });
  expect(answer.status()).toBe(207);
});
