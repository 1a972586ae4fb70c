import type { Locator, Page } from '@playwright/test';
import { captureScreen, checkAccessibility } from './checks';
import { expect, test } from './fixtures';

interface Pipeline {
  id: string;
  stages: { id: string; name: string }[];
}

/** Drags a card by its handle onto a column with the mouse, in small steps as a hand would (dnd-kit waits for 6 px). */
async function drag(page: Page, handle: Locator, column: Locator) {
  const from = (await handle.boundingBox())!;
  const to = (await column.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 20, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
  await page.mouse.up();
}

test('a move past enforced criteria is refused and shown; once they are met it goes through', async ({
  page,
  workspace,
  unique,
  guard,
}, testInfo) => {
  const pipeline = await workspace.post<Pipeline>('pipelines', {
    name: `Enterprise ${unique}`,
    enforceCriteria: true,
    stages: [
      {
        name: 'Qualify',
        probability: 10,
        requiredFields: ['nextStep'],
        playbook: 'Find the budget and who signs.',
      },
      { name: 'Propose', probability: 50, checklist: ['Proposal sent'] },
      { name: 'Won', probability: 100 },
      { name: 'Lost', probability: 0 },
    ],
  });
  const deal = await workspace.post<{ id: string }>('deals', {
    name: `Globex ${unique}`,
    pipelineId: pipeline.id,
    amount: '48000',
    currency: 'EUR',
    closeDate: '2027-03-31',
  });

  await page.goto(`/pipeline?pipeline=${pipeline.id}`);
  const qualify = page.locator('[data-stage="Qualify"]');
  const propose = page.locator('[data-stage="Propose"]');
  const card = page.locator(`[data-deal="Globex ${unique}"]`);
  await expect(qualify.getByRole('heading', { name: 'Qualify' })).toBeVisible();
  await expect(qualify.locator(`[data-deal="Globex ${unique}"]`)).toBeVisible();
  await expect(qualify.getByText('1', { exact: true })).toBeVisible();
  await checkAccessibility(page, 'pipeline board');

  const dialog = page.getByRole('dialog');
  await guard.allow(409, /\/api\/v1\/deals\//, async () => {
    if (testInfo.project.name === 'desktop') await drag(page, card.locator('[data-drag-handle]'), propose);
    else {
      await card.getByRole('button', { name: /Move .* to another stage/ }).click();
      await page.getByRole('menuitem', { name: 'Propose' }).click();
    }
    await expect(dialog.getByText("This stage's criteria are not met")).toBeVisible();
  });
  // Rolled back: the deal is where it was, and the server still has it there.
  await expect(qualify.locator(`[data-deal="Globex ${unique}"]`)).toBeVisible();
  await expect(propose.locator(`[data-deal="Globex ${unique}"]`)).toHaveCount(0);
  await checkAccessibility(page, 'pipeline board, move refused');
  await captureScreen(page, 'pipeline-board-refused', testInfo.project.name === 'desktop');

  await dialog.getByLabel('Next step').fill('Send the proposal on Friday');
  await dialog.getByRole('button', { name: 'Save and move' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(propose.locator(`[data-deal="Globex ${unique}"]`)).toBeVisible();
  await expect(qualify.locator(`[data-deal="Globex ${unique}"]`)).toHaveCount(0);
  const moved = await workspace.get<{ stageId: string; nextStep: string; probability: number }>(
    `deals/${deal.id}`,
  );
  expect(moved).toMatchObject({
    stageId: pipeline.stages[1].id,
    nextStep: 'Send the proposal on Friday',
    probability: 50,
  });

  await page.goto(`/o/deals/${deal.id}`);
  await expect(page.getByRole('list', { name: 'Stage path' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Proposal sent' })).not.toBeChecked();
  await checkAccessibility(page, 'deal page');
});

test('the board filters by team: the deals and column totals of its members only', async ({
  page,
  workspace,
  unique,
}) => {
  const team = await workspace.post<{ id: string; name: string }>('teams', { name: `Team ${unique}` });
  const member = await workspace.post('users', {
    email: `member.${unique.toLowerCase()}@example.com`,
    name: `Tess ${unique}`,
    password: 'pipeline-spec-passphrase',
    role: 'rep',
    teamId: team.id,
  });
  const pipeline = await workspace.post<Pipeline>('pipelines', {
    name: `Teams ${unique}`,
    stages: [
      { name: 'Open', probability: 20 },
      { name: 'Won', probability: 100 },
      { name: 'Lost', probability: 0 },
    ],
  });
  const deal = (name: string, amount: string, ownerId?: string) =>
    workspace.post('deals', { name: `${name} ${unique}`, pipelineId: pipeline.id, amount, ownerId });
  await deal('Teamed', '1000', member.id);
  await deal('Mine', '3000');

  await page.goto(`/pipeline?pipeline=${pipeline.id}`);
  const open = page.locator('[data-stage="Open"]');
  await expect(open.locator(`[data-deal="Mine ${unique}"]`)).toBeVisible();
  await expect(open.getByLabel('2 deals', { exact: true })).toBeVisible();

  await page.getByRole('combobox', { name: 'Team' }).click();
  await page.getByRole('option', { name: team.name }).click();
  await expect(open.locator(`[data-deal="Teamed ${unique}"]`)).toBeVisible();
  await expect(open.locator(`[data-deal="Mine ${unique}"]`)).toHaveCount(0);
  await expect(open.getByLabel('1 deals', { exact: true })).toBeVisible();
  await expect(open.getByText(/1K · weighted \D*200\b/)).toBeVisible();
  await checkAccessibility(page, 'pipeline board filtered by team');
});
