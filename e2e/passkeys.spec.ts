import type { Browser, Page } from '@playwright/test';
import { PageGuard } from './browser';
import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

const password = 'passkey-e2e-passphrase';

/**
 * A signed-out browser at `localhost` (browsers refuse passkeys for IP addresses) with Chromium's
 * virtual authenticator: a platform authenticator that keeps discoverable keys and verifies its user.
 */
async function deviceWithPasskeys(browser: Browser, baseURL: string) {
  const context = await browser.newContext({
    baseURL: baseURL.replace('127.0.0.1', 'localhost'),
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { context, page, guard: new PageGuard(page) };
}

const signedInAs = (page: Page, name: string) =>
  page.getByRole('button', { name: `Account menu for ${name}` }).waitFor();

test('a new colleague adds a passkey, signs in with it alone, and uses it in place of a code after the password', async ({
  browser,
  baseURL,
  workspace,
  unique,
}) => {
  test.setTimeout(3 * 60_000);
  const name = `Pia ${unique}`;
  const email = `${unique}.passkey@example.com`;
  const device = await deviceWithPasskeys(browser, baseURL!);
  const { page, guard } = device;
  try {
    await test.step('joins by invitation and adds a passkey on the profile page', async () => {
      const invited = await workspace.post<{ url: string }>('invitations', { email, role: 'rep' });
      await page.goto(new URL(invited.url).pathname + new URL(invited.url).hash);
      await page.getByLabel('Your name').fill(name);
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
      await page.getByRole('textbox', { name: 'Password again', exact: true }).fill(password);
      await page.getByRole('button', { name: 'Join and sign in' }).click();
      await signedInAs(page, name);
      await page.goto('/profile');
      const card = page.getByRole('region', { name: 'Passkeys' });
      await expect(card.getByText('No passkeys yet.')).toBeVisible();
      await card.getByLabel('Name of the passkey').fill('Work laptop');
      await card.getByRole('button', { name: 'Add a passkey' }).click();
      await expect(page.getByText('Passkey “Work laptop” added')).toBeVisible();
      await expect(card.getByRole('cell', { name: /^Work laptop Added/ })).toBeVisible();
      await expect(card.getByRole('cell', { name: 'Not yet' })).toBeVisible();
      await checkAccessibility(page, 'profile with a passkey');
      await captureScreen(page, 'profile-passkeys', true);
    });

    await test.step('signs out, and signs in with the passkey alone', async () => {
      await page.goto('about:blank');
      await device.context.clearCookies();
      await page.goto('/sign-in');
      await checkAccessibility(page, 'sign-in with a passkey');
      await captureScreen(page, 'sign-in-passkey', true);
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await signedInAs(page, name);
    });

    await test.step('a password alone no longer signs in; the passkey stands in for the code', async () => {
      await page.goto('about:blank');
      await device.context.clearCookies();
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(email);
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
      await guard.allow(401, /\/api\/v1\/auth\/login$/, async () => {
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await expect(page.getByRole('alert')).toContainText('if you use two-factor sign-in, enter your code');
      });
      await page.getByRole('button', { name: 'Use a passkey instead of a code' }).click();
      await signedInAs(page, name);
    });

    await test.step('the profile shows when the passkey was last used, and removes it', async () => {
      await page.goto('/profile');
      const card = page.getByRole('region', { name: 'Passkeys' });
      await expect(card.getByRole('cell', { name: 'Not yet' })).toHaveCount(0);
      await card.getByRole('button', { name: 'Remove the passkey Work laptop' }).click();
      await expect(card.getByText('No passkeys yet.')).toBeVisible();
    });
    guard.assertClean('passkeys');
  } finally {
    await device.context.close();
  }
});
