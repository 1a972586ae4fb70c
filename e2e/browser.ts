import type { Page } from '@playwright/test';

interface AllowedFailure {
  status: number;
  path: RegExp;
}

/**
 * Watches a page for console errors, uncaught exceptions and failed requests. A step that
 * provokes an error on purpose (a 400 to show field errors) declares it with `allow`.
 */
export class PageGuard {
  readonly problems: string[] = [];
  private allowed: AllowedFailure[] = [];

  constructor(page: Page) {
    page.on('pageerror', (error) => this.problems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const url = message.location().url ?? '';
      if (/Failed to load resource/.test(message.text()) && this.isAllowedUrl(url)) return;
      this.problems.push(`console error: ${message.text()} ${url}`);
    });
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? '';
      // A download or a superseded fetch is aborted by design.
      if (/ERR_ABORTED/.test(failure)) return;
      this.problems.push(`request failed: ${request.method()} ${request.url()} ${failure}`);
    });
    page.on('response', (response) => {
      const status = response.status();
      if (status < 400) return;
      const path = new URL(response.url()).pathname;
      if (this.allowed.some((a) => a.status === status && a.path.test(path))) return;
      this.problems.push(`HTTP ${status}: ${response.request().method()} ${path}`);
    });
  }

  private isAllowedUrl(url: string): boolean {
    try {
      const path = new URL(url).pathname;
      return this.allowed.some((a) => a.path.test(path));
    } catch {
      return false;
    }
  }

  /** Lets one expected error answer through while `action` runs. */
  async allow<T>(status: number, path: RegExp, action: () => Promise<T>): Promise<T> {
    const entry = { status, path };
    this.allowed.push(entry);
    try {
      return await action();
    } finally {
      this.allowed = this.allowed.filter((a) => a !== entry);
    }
  }

  /** Throws with everything seen since the last check. */
  assertClean(where: string): void {
    if (this.problems.length) {
      const seen = this.problems.splice(0);
      throw new Error(`${where}: ${seen.join('\n  ')}`);
    }
  }
}
