import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';

const isPhone = () => test.info().project.name === 'phone';
const wide = encodeURIComponent(
  JSON.stringify([
    'email',
    'phone',
    'title',
    'accountId',
    'lifecycleStage',
    'leadSource',
    'ownerId',
    'createdAt',
  ]),
);

// Issue #10 item 8: on a phone the grid was squeezed; on wide lists the name scrolled away and headers were cut off.
test('a phone shows each record as a card with its columns named', async ({ page }) => {
  test.skip(!isPhone(), 'the card list is the phone layout');
  await page.goto('/o/contacts');
  const grid = page.getByRole('grid', { name: 'Contacts' });
  const card = grid.locator('[role="row"][aria-rowindex="2"]');
  await expect(card.locator('a').first()).toBeVisible();
  await expect(grid).toHaveAttribute('data-cards', 'true');
  // The columns stack inside the card, each with its name, and nothing runs off the screen.
  await expect(card.locator('[data-label="Email"]')).toBeVisible();
  const viewport = page.viewportSize()!;
  const box = (await card.boundingBox())!;
  expect(box.x + box.width, 'card right edge').toBeLessThanOrEqual(viewport.width);
  expect(box.height, 'card height').toBeGreaterThan(80);
  expect(await grid.evaluate((g) => g.scrollWidth - g.clientWidth), 'sideways scroll').toBeLessThanOrEqual(1);
  await checkAccessibility(page, 'the card list');
  await captureScreen(page, 'contacts-cards', true, undefined, ['phone']);
});

test('the name stays in view while a wide list scrolls sideways', async ({ page }) => {
  test.skip(isPhone(), 'a phone shows cards, not columns');
  await page.goto(`/o/contacts?cols=${wide}`);
  const grid = page.getByRole('grid', { name: 'Contacts' });
  const name = grid.locator('[role="row"][aria-rowindex="2"] [data-frozen="title"]');
  await expect(name.locator('a')).toBeVisible();
  const before = (await name.boundingBox())!;
  await grid.evaluate((g) => (g.scrollLeft = g.scrollWidth));
  await expect.poll(() => grid.evaluate((g) => g.scrollLeft)).toBeGreaterThan(300);
  const after = (await name.boundingBox())!;
  expect(Math.abs(after.x - before.x), 'the name column moved').toBeLessThan(2);
  await expect(name.locator('a')).toBeVisible();
  await checkAccessibility(page, 'a wide list scrolled sideways');
});

test('a heading shows its whole name on hover, and its column can be resized and stays so', async ({
  page,
}) => {
  test.skip(isPhone(), 'a phone shows cards, not columns');
  await page.goto(`/o/contacts?cols=${wide}`);
  const grid = page.getByRole('grid', { name: 'Contacts' });
  const heading = grid.getByRole('columnheader', { name: 'Lifecycle stage' });
  await heading.getByText('Lifecycle stage').hover();
  await expect(page.getByRole('tooltip', { name: 'Lifecycle stage' })).toBeVisible();

  const handle = grid.getByRole('separator', { name: 'Resize Lifecycle stage' });
  const width = async () => (await heading.boundingBox())!.width;
  const start = await width();
  // By keyboard…
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(width).toBeCloseTo(start + 32, 0);
  // …and by dragging the edge.
  const edge = (await handle.boundingBox())!;
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + 80, edge.y + edge.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(width).toBeGreaterThan(start + 90);
  const resized = await width();
  // Cells follow their heading, and the width is kept for the next visit.
  const cell = grid.locator('[role="row"][aria-rowindex="2"] [role="gridcell"]').nth(6);
  expect(Math.abs((await cell.boundingBox())!.width - resized)).toBeLessThan(2);
  await page.reload();
  await expect(grid.getByRole('columnheader', { name: 'Lifecycle stage' })).toBeVisible();
  expect(Math.abs((await width()) - resized)).toBeLessThan(2);
  await checkAccessibility(page, 'resizable headings');
  await captureScreen(page, 'contacts-wide-list', true, undefined, ['desktop']);
});

test('admin tables fit a phone', async ({ page }) => {
  await page.goto('/admin');
  for (const tab of ['Users & roles', 'Fields']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tabpanel', { name: tab }).getByRole('table').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${tab}: page wider than the screen`).toBeLessThanOrEqual(1);
    const cut = await page
      .getByRole('tabpanel', { name: tab })
      .getByRole('table')
      .first()
      .evaluate((table) => {
        const right = window.innerWidth;
        return [...table.querySelectorAll('td')].filter((td) => {
          const box = td.getBoundingClientRect();
          return box.width > 0 && box.right > right + 1;
        }).length;
      });
    expect(cut, `${tab}: cells cut off at the screen's edge`).toBe(0);
    await checkAccessibility(page, `admin ${tab}`);
  }
  if (isPhone()) await captureScreen(page, 'admin-fields-stacked', true, undefined, ['phone']);
});
