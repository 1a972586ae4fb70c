/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import type { Page } from '@playwright/test';

/** What the browser received of the app's JavaScript since the page was opened. */
export interface ScriptTransfer {
  files: number;
  /** body bytes as they came over the wire (compressed) */
  encodedKiB: number;
  /** the same scripts uncompressed */
  decodedKiB: number;
  /** scripts that came with no content-encoding */
  uncompressed: string[];
}

/**
 * Watches the scripts a page receives; `measure()` sums their encoded and decoded body sizes from
 * Resource Timing (the browser's own count) and lists any that arrived without compression.
 */
export function watchScripts(page: Page): { measure(): Promise<ScriptTransfer> } {
  const encodings = new Map<string, string>();
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith('.js'))
      encodings.set(response.url(), response.headers()['content-encoding'] ?? '');
  });
  return {
    async measure() {
      const scripts = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((entry) => entry as PerformanceResourceTiming)
          .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
          .map((entry) => ({
            url: entry.name,
            encoded: entry.encodedBodySize,
            decoded: entry.decodedBodySize,
          })),
      );
      const unique = [...new Map(scripts.map((s) => [s.url, s])).values()];
      const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
      return {
        files: unique.length,
        encodedKiB: kib(unique.reduce((sum, s) => sum + s.encoded, 0)),
        decodedKiB: kib(unique.reduce((sum, s) => sum + s.decoded, 0)),
        uncompressed: unique.filter((s) => !encodings.get(s.url)).map((s) => new URL(s.url).pathname),
      };
    },
  };
}

/** The bound for a first visit: sign-in plus the accounts list. */
export const firstVisitScriptLimitKiB = 350;
