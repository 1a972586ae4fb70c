/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { desktop, phone } from './settings';

/** Screens captured by the suite (git-ignored; the HTML report and traces sit beside them). */
export const artifactsDir = join(process.cwd(), 'e2e', 'artifacts', 'screens');
export const screenshotsDir = join(process.cwd(), 'docs', 'screenshots');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Saves the screen at desktop and phone width (or only those of `widths`); `publish` also copies them
 * into docs/screenshots.
 */
export async function captureScreen(
  page: Page,
  name: string,
  publish = false,
  prepare?: () => Promise<void>,
  widths: readonly ('desktop' | 'phone')[] = ['desktop', 'phone'],
): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  const original = page.viewportSize() ?? desktop;
  for (const [label, size] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    if (!widths.includes(label)) continue;
    await page.setViewportSize(size);
    if (prepare) await prepare();
    await page.waitForTimeout(250);
    const file = join(artifactsDir, `${name}-${label}.png`);
    await page.screenshot({ path: file });
    if (publish) {
      mkdirSync(screenshotsDir, { recursive: true });
      copyFileSync(file, join(screenshotsDir, `${name}-${label}.png`));
    }
  }
  await page.setViewportSize(original);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page; serious and critical violations fail the step. */
export async function checkAccessibility(page: Page, screen: string): Promise<number> {
  // Axe reads the colours of a menu fading in or a dialog fading out as too faint: let them end first
  // (spinners and other endless animations aside).
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
  // Evaluated through the debugging protocol, so the app's Content-Security-Policy stays in force.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })),
    }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length) {
    const detail = blocking
      .map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
      .join('\n  ');
    throw new Error(`accessibility on ${screen}:\n  ${detail}`);
  }
  return violations.length;
}

/** Milliseconds from a click on a navigation link until the list's first data row is in the DOM. */
export async function timeToFirstRows(page: Page, linkName: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __firstRows?: Promise<number>; __navStart?: number };
    w.__firstRows = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (
          w.__navStart !== undefined &&
          document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"] a')
        ) {
          observer.disconnect();
          resolve(performance.now() - w.__navStart);
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    document.addEventListener('click', () => (w.__navStart = performance.now()), {
      capture: true,
      once: true,
    });
  });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: linkName, exact: true })
    .click();
  return page.evaluate(() => (window as unknown as { __firstRows: Promise<number> }).__firstRows);
}

export interface ScrollFigures {
  rowsScrolled: number;
  longTasks: number;
  longestTaskMs: number;
  totalLongTaskMs: number;
  durationMs: number;
}

/** Scrolls the grid for a few seconds and reports long tasks (>50 ms) seen meanwhile. */
export async function scrollGrid(page: Page, seconds: number): Promise<ScrollFigures> {
  return page.evaluate(async (duration) => {
    const grid = document.querySelector<HTMLElement>('[role="grid"]');
    if (!grid) throw new Error('no grid on the page');
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => tasks.push(e.duration)),
    );
    observer.observe({ type: 'longtask', buffered: false });
    const start = performance.now();
    await new Promise<void>((resolve) => {
      // A step per frame; a frame that does not come within 50 ms (Chromium can stall animation
      // frames of a page it deems hidden, which once hung this for the test's 3 minutes) is not awaited.
      let step = 0;
      const next = () => {
        const mine = ++step;
        const run = () => mine === step && (step++, frame());
        requestAnimationFrame(run);
        setTimeout(run, 50);
      };
      const frame = () => {
        grid.scrollTop += 120;
        if (performance.now() - start < duration) next();
        else resolve();
      };
      next();
    });
    await new Promise((r) => setTimeout(r, 200));
    observer.disconnect();
    const lastRow = [...grid.querySelectorAll('[role="row"][aria-rowindex]')].map((r) =>
      Number(r.getAttribute('aria-rowindex')),
    );
    return {
      rowsScrolled: Math.max(0, ...lastRow) - 1,
      longTasks: tasks.length,
      longestTaskMs: Math.round(Math.max(0, ...tasks)),
      totalLongTaskMs: Math.round(tasks.reduce((a, b) => a + b, 0)),
      durationMs: Math.round(performance.now() - start),
    };
  }, seconds * 1000);
}

/** Markup that would run if user text were ever inserted as HTML: each probe sets window.__xss. */
export const xssPayloads = {
  img: '<img src=x onerror="window.__xss=1">',
  svg: '<svg onload="window.__xss=2"><circle r=1 /></svg>',
  link: '<a href="javascript:window.__xss=3">open</a>',
};

/**
 * Fails when user text became markup: a probe element is in the page or a probe ran. The DOM is
 * checked as well as window.__xss, because the app's Content-Security-Policy would stop an inline
 * handler from running even where the text had been injected.
 */
export async function expectNoInjectedMarkup(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => ({
    ran: (window as unknown as { __xss?: number }).__xss ?? null,
    img: document.querySelectorAll('img[src="x"], [onerror]').length,
    svg: document.querySelectorAll('svg[onload], [onload]').length,
    javascriptLinks: [...document.querySelectorAll('a[href]')].filter((a) =>
      (a.getAttribute('href') ?? '').trim().toLowerCase().startsWith('javascript:'),
    ).length,
  }));
  if (found.ran !== null || found.img || found.svg || found.javascriptLinks)
    throw new Error(`user text became markup on ${where}: ${JSON.stringify(found)}`);
}
