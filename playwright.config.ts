import { defineConfig } from '@playwright/test';
import { adminState, desktop, phone } from './e2e/settings';

// Stories that measure or capture both widths themselves run once, at desktop width.
const desktopOnly = /(first-hour|large-list)\.spec\.ts$/;

// Playwright reads its configuration through the default export.
// eslint-disable-next-line no-restricted-syntax
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'e2e/artifacts/results',
  // One Rapport server on an embedded database serves every test: one worker keeps the figures honest.
  workers: 1,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  // A hang fails the run with its tests named, well inside CI's own limit, instead of being killed silently.
  globalTimeout: process.env.CI ? 35 * 60_000 : 0,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: 'e2e/artifacts/report', open: 'never' }]],
  use: {
    baseURL: process.env.RAPPORT_E2E_URL,
    storageState: adminState,
    acceptDownloads: true,
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: the suite never downloads a browser.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // Pages of every test are measured as a visible one would be: no throttled frames or timers.
        '--disable-renderer-backgrounding',
        '--disable-background-timer-throttling',
        '--disable-backgrounding-occluded-windows',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { viewport: desktop } },
    { name: 'phone', use: { viewport: phone, hasTouch: true }, testIgnore: desktopOnly },
  ],
});
