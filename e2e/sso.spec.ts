import { startTestOidcProvider } from '../src/modules/auth/server/testOidcProvider';
import { PageGuard } from './browser';
import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

// Issue 8, single sign-on: an admin sets up OpenID Connect, a member signs in through the provider.
test('an admin sets up single sign-on and a member signs in with SSO', async ({
  page,
  browser,
  baseURL,
  workspace,
  unique,
}) => {
  const client = { clientId: `rapport-${unique}`, clientSecret: `secret-${unique}` };
  // 127.0.0.2 is the private address the test server may connect to (RAPPORT_ALLOW_PRIVATE_HOSTS).
  const provider = await startTestOidcProvider([client], `${baseURL}/api/v1/auth/sso/callback`, '127.0.0.2');
  try {
    const email = `sso-${unique.toLowerCase()}@example.com`;
    const name = `Sso ${unique}`;
    await workspace.post('users', { email, name, password: `unused-${unique}-pw`, role: 'rep' });
    const me = await workspace.get<{ workspace: { id: string } }>('auth/me');
    await workspace.confirmPassword();

    await page.goto('/admin');
    await page.getByRole('tab', { name: 'Workspace' }).click();
    await page.getByRole('heading', { name: 'Single sign-on' }).waitFor();
    await page.getByRole('textbox', { name: 'Issuer URL' }).fill(provider.issuer);
    await page.getByRole('textbox', { name: 'Client ID' }).fill(client.clientId);
    await page.getByLabel('Client secret').fill(client.clientSecret);
    await page.getByRole('button', { name: 'Save single sign-on' }).click();
    await expect(page.getByRole('textbox', { name: 'Sign-in link' })).toBeVisible();
    await expect(page.getByLabel('Client secret')).toHaveValue('');
    await page.getByRole('button', { name: 'Test' }).click();
    await expect(page.getByText('The provider answered')).toBeVisible();
    await expect(page.getByText(`Found ${provider.issuer}`)).toBeVisible();
    await checkAccessibility(page, 'the single sign-on settings');
    await captureScreen(page, 'admin-sso', test.info().project.name === 'desktop');

    // Someone else's browser, signed out, opens the workspace's sign-in link.
    provider.signInAs({ email, emailVerified: true, name });
    const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const member = await context.newPage();
    const guard = new PageGuard(member);
    await member.goto(`/sign-in?workspace=${me.workspace.id}`);
    await member.getByRole('link', { name: 'Sign in with SSO' }).click();
    await member.getByRole('button', { name: `Account menu for ${name}` }).waitFor();
    await checkAccessibility(member, 'signed in with SSO');
    guard.assertClean('signed in with SSO');
    await context.close();

    await page.getByRole('button', { name: 'Turn off' }).click();
    await expect(page.getByRole('textbox', { name: 'Sign-in link' })).toHaveCount(0);
  } finally {
    await provider.close();
  }
});
