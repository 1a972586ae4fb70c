import { launchBrowser, PageGuard } from './browser';
import { rmSync } from 'node:fs';
import { artifactsDir, desktop } from './checks';
import * as scenario from './scenario';
import { startServer } from './server';
import type { Step, StepContext } from './steps';
import { firstVisitScriptLimitKiB, watchScripts } from './transfer';

// The size of the large workspace whose list is measured (RAPPORT_E2E_LARGE=0 leaves it out).
const largeContacts = Number(process.env.RAPPORT_E2E_LARGE ?? 100_000);

const steps: Step[] = [
  { name: 'sign in', run: scenario.signIn },
  { name: 'accounts list: first rows, screenshot, accessibility', run: scenario.accountsList },
  {
    name: `JavaScript of sign-in and the accounts list: compressed, at most ${firstVisitScriptLimitKiB} KiB over the wire`,
    run: scenario.firstVisitScripts,
  },
  {
    name: 'create an account (HTML, emoji, RTL and 10,000 characters render as text)',
    run: scenario.createAccount,
  },
  {
    name: 'add two contacts from the account page (signature paste, server field error)',
    run: scenario.addContactsFromAccount,
  },
  { name: 'find a contact through the command palette with a typo', run: scenario.paletteWithTypo },
  { name: 'edit a field inline and see it in History', run: scenario.contactPageInlineEditAndHistory },
  { name: 'quick-create a contact from the command palette', run: scenario.quickCreateThirdContact },
  { name: 'scroll the contact list, filter it and save the view', run: scenario.filterAndSaveView },
  { name: 'bulk-edit three contacts', run: scenario.bulkEdit },
  { name: 'export the view to CSV', run: scenario.exportCsv },
  { name: 'admin screens', run: scenario.adminScreens },
  {
    name: 'accessibility while rows load, with no match, and while the palette searches',
    run: scenario.loadingStates,
  },
  { name: 'sign out', run: scenario.signOut },
  ...(largeContacts > 0
    ? [
        {
          name: `a list of ${largeContacts.toLocaleString('en-US')} contacts: first rows, 10 s of scrolling`,
          run: scenario.largeList,
        },
      ]
    : []),
];

async function main(): Promise<number> {
  rmSync(artifactsDir, { recursive: true, force: true });
  let passed = 0;
  let failed = 0;
  // RAPPORT_E2E_URL points the suite at a server already running (for working on the suite itself).
  const external = process.env.RAPPORT_E2E_URL;
  const server = external
    ? { baseUrl: external, large: undefined, stop: async () => undefined }
    : await startServer(largeContacts);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({
      viewport: desktop,
      acceptDownloads: true,
      baseURL: server.baseUrl,
    });
    // tsx compiles the suite with esbuild's keepNames, whose __name helper page.evaluate callbacks then call.
    await context.addInitScript('window.__name = (fn) => fn');
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const scripts = watchScripts(page);
    const ctx: StepContext = {
      page,
      guard: new PageGuard(page),
      baseUrl: server.baseUrl,
      figures: {},
      scripts,
      large: server.large,
    };
    for (const step of steps) {
      const started = Date.now();
      try {
        await step.run(ctx);
        ctx.guard.assertClean(step.name);
        passed++;
        console.log(`ok   ${step.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        const seen = ctx.guard.problems.splice(0);
        const detail = [(error as Error).message, ...seen].join('\n');
        console.log(
          `FAIL ${step.name} (${Date.now() - started} ms)\n     ${detail.split('\n').join('\n     ')}`,
        );
        await page
          .screenshot({ path: `e2e/artifacts/failure-${passed + failed}.png` })
          .catch(() => undefined);
        // Start the next step from a clean screen rather than a dialog the failed one left open.
        await page.goto(`${server.baseUrl}/`).catch(() => undefined);
      }
    }
    const f = ctx.figures;
    console.log('\nfigures:');
    console.log(
      `  JavaScript of sign-in and the accounts list: ${f.firstVisitScriptsKiB ?? '?'} KiB over the wire (${f.firstVisitScriptsDecodedKiB ?? '?'} KiB uncompressed) in ${f.firstVisitScriptFiles ?? '?'} files`,
    );
    console.log(`  accounts list, first rows after navigation: ${f.accountsFirstRowsMs ?? '?'} ms`);
    console.log(`  contacts list, first rows after navigation: ${f.contactsFirstRowsMs ?? '?'} ms`);
    console.log(
      `  scrolling contacts for 3 s: ${f.scrollRows ?? '?'} rows, ${f.scrollLongTasks ?? '?'} long tasks, longest ${f.scrollLongestTaskMs ?? '?'} ms, total ${f.scrollTotalLongTaskMs ?? '?'} ms`,
    );
    console.log(
      `  ${largeContacts.toLocaleString('en-US')} contacts: first rows ${f.largeFirstRowsMs ?? '?'} ms; 10 s of scrolling: ${f.largeScrollRows ?? '?'} rows, ${f.largeScrollLongTasks ?? '?'} long tasks, longest ${f.largeScrollLongestTaskMs ?? '?'} ms, total ${f.largeScrollTotalLongTaskMs ?? '?'} ms`,
    );
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
