import { expect, test } from './fixtures';
import { captureScreen, checkAccessibility } from './checks';

// Issue #10 item 2: the editor opened ~215 px below and 250 px right of its cell, and off-screen from row 12 down.
test('the inline editor opens at its cell, far down a scrolled list', async ({ page, unique }) => {
  await page.goto('/o/contacts');
  const grid = page.getByRole('grid', { name: 'Contacts' });
  // The first page may wait behind the seed's background work on the embedded database; the position is the test.
  await expect(grid.locator('[aria-rowindex="2"] a').first()).toBeVisible({ timeout: 30_000 });
  // Row 60 is well past the first screen: scroll the grid itself until it is rendered.
  const row = grid.locator('[role="row"][aria-rowindex="61"]');
  for (let i = 0; i < 20 && !(await row.count()); i++) await grid.evaluate((g) => (g.scrollTop += 600));
  const cell = row.getByRole('button', { name: /, edit Job title$/ });
  await cell.click();
  const dialog = page.getByRole('dialog', { name: 'Edit Job title' });
  const input = dialog.getByLabel(/^Job title/);
  await expect(input).toBeFocused();

  const viewport = page.viewportSize()!;
  const cellBox = (await cell.boundingBox())!;
  const editorBox = (await dialog.boundingBox())!;
  // Below or above the cell, touching it, and wholly on screen.
  const gap = Math.min(
    Math.abs(editorBox.y - (cellBox.y + cellBox.height)),
    Math.abs(editorBox.y + editorBox.height - cellBox.y),
  );
  expect(gap, 'distance between the cell and its editor').toBeLessThan(16);
  expect(editorBox.x, 'editor left edge').toBeGreaterThanOrEqual(0);
  expect(editorBox.x + editorBox.width, 'editor right edge').toBeLessThanOrEqual(viewport.width);
  expect(editorBox.y, 'editor top edge').toBeGreaterThanOrEqual(0);
  expect(editorBox.y + editorBox.height, 'editor bottom edge').toBeLessThanOrEqual(viewport.height);
  // The editor starts at the cell's left edge unless the screen's edge pushes it left.
  if (cellBox.x + editorBox.width <= viewport.width)
    expect(Math.abs(editorBox.x - cellBox.x), 'editor aligned with the cell').toBeLessThan(16);
  await checkAccessibility(page, 'inline editor far down the list');
  // At its own width only: a phone shows cards, so resizing would close the editor of this cell.
  const width = test.info().project.name === 'phone' ? 'phone' : 'desktop';
  await captureScreen(page, 'inline-editor', true, undefined, [width]);

  const title = `Buyer ${unique}`;
  await input.fill(title);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByRole('button', { name: new RegExp(`^${title}\\s*, edit Job title$`) })).toBeVisible();
});
