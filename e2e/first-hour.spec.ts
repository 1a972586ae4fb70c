import { test } from './fixtures';
import * as scenario from './scenario';

const steps: [string, (ctx: scenario.StepContext) => Promise<void>][] = [
  ['sign in', scenario.signIn],
  ['accounts list: first rows, screenshot, accessibility', scenario.accountsList],
  ['create an account (HTML, emoji, RTL and 10,000 characters render as text)', scenario.createAccount],
  [
    'add two contacts from the account page (signature paste, server field error)',
    scenario.addContactsFromAccount,
  ],
  ['find a contact through the command palette with a typo', scenario.paletteWithTypo],
  ['edit a field inline and see it in History', scenario.contactPageInlineEditAndHistory],
  ['quick-create a contact from the command palette', scenario.quickCreateThirdContact],
  ['scroll the contact list, filter it and save the view', scenario.filterAndSaveView],
  ['bulk-edit three contacts', scenario.bulkEdit],
  ['export the view to CSV', scenario.exportCsv],
  ['admin screens', scenario.adminScreens],
  ['sign out', scenario.signOut],
];

// The story starts signed out: signing in is its first step.
test.use({ storageState: { cookies: [], origins: [] } });

test("a new admin's first hour, one step after another", async ({ page, guard, baseURL }) => {
  test.setTimeout(5 * 60_000);
  const ctx: scenario.StepContext = { page, guard, baseUrl: baseURL ?? '', figures: {} };
  for (const [name, run] of steps) {
    await test.step(name, async () => {
      await run(ctx);
      guard.assertClean(name);
    });
  }
  const f = ctx.figures;
  for (const figure of [
    `accounts list, first rows after navigation: ${f.accountsFirstRowsMs} ms`,
    `contacts list, first rows after navigation: ${f.contactsFirstRowsMs} ms`,
    `scrolling contacts for 3 s: ${f.scrollRows} rows, ${f.scrollLongTasks} long tasks, longest ${f.scrollLongestTaskMs} ms, total ${f.scrollTotalLongTaskMs} ms`,
  ]) {
    test.info().annotations.push({ type: 'figure', description: figure });
    console.log(`figure: ${figure}`);
  }
});
