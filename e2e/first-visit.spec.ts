import { expect, test } from './fixtures';
import { labelled } from './scenario';
import { firstVisitScriptLimitKiB, watchScripts } from './transfer';

// A new visitor: signed out, nothing cached.
test.use({ storageState: { cookies: [], origins: [] } });

test(`the JavaScript of sign-in and the accounts list arrives compressed, at most ${firstVisitScriptLimitKiB} KiB over the wire`, async ({
  page,
}) => {
  const scripts = watchScripts(page);
  await page.goto('/');
  await page.getByLabel('Email').fill('admin@demo.rapport.test');
  await labelled(page, 'Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: /^Hello/ }).waitFor();
  await page.goto('/o/accounts');
  await page.getByText(/^\d[\d,]* accounts?$/).waitFor();
  const transfer = await scripts.measure();
  const figure = `JavaScript of sign-in and the accounts list: ${transfer.encodedKiB} KiB over the wire (${transfer.decodedKiB} KiB uncompressed) in ${transfer.files} files`;
  test.info().annotations.push({ type: 'figure', description: figure });
  console.log(`figure: ${figure}`);
  expect(transfer.uncompressed, 'scripts sent without content-encoding').toEqual([]);
  expect(transfer.encodedKiB).toBeLessThanOrEqual(firstVisitScriptLimitKiB);
});
