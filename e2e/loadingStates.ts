import type { Page, Route } from '@playwright/test';
import { checkAccessibility } from './checks';

/** Holds the answers of requests matching `pattern` until `release()`, to look at a screen while it waits. */
async function holdAnswers(page: Page, pattern: RegExp) {
  let open!: () => void;
  const opened = new Promise<void>((done) => (open = done));
  const held: Promise<void>[] = [];
  const handler = (route: Route) => {
    const passed = opened.then(() => route.continue());
    held.push(passed);
    return passed;
  };
  await page.route(pattern, handler);
  return {
    async release() {
      open();
      await Promise.all(held);
      await page.unroute(pattern, handler);
    },
  };
}

/**
 * The list and the palette pass axe in the states between: a grid whose rows have not arrived, a grid
 * with no matching row (its empty state), and the palette while a search is on its way.
 */
export async function checkLoadingStates(page: Page, baseUrl: string): Promise<void> {
  const list = await holdAnswers(page, /\/api\/v1\/contacts\/query$/);
  await page.goto(`${baseUrl}/o/contacts`);
  await page.locator('[role="grid"][aria-busy="true"]').waitFor();
  await checkAccessibility(page, 'contacts list, rows not arrived');
  await list.release();
  await page.getByText(/^\d[\d,]* contacts?$/).waitFor();

  await page.goto(`${baseUrl}/o/contacts?q=${encodeURIComponent('qzxv nobody by this name')}`);
  await page.getByText('No contacts match').waitFor();
  await checkAccessibility(page, 'contacts list, no match');

  const search = await holdAnswers(page, /\/api\/v1\/search\?/);
  await page.keyboard.press('Control+K');
  const box = page.getByLabel('Search records or type a command');
  await box.fill('Quillfeather');
  await page.waitForRequest(/\/api\/v1\/search\?/);
  await checkAccessibility(page, 'command palette, search on its way');
  await search.release();
  await page.keyboard.press('Escape');
  await box.waitFor({ state: 'hidden' });
}
