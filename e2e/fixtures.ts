import { type APIRequestContext, test as base } from '@playwright/test';
import { PageGuard } from './browser';

export { expect } from '@playwright/test';

/** Records made through the API as the signed-in user, for a test to start from. */
export class Workspace {
  constructor(
    private readonly request: APIRequestContext,
    private readonly baseUrl: string,
  ) {}

  /** POSTs to /api/v1/{path} from our own origin (the server refuses cross-site writes). */
  async post<T = { id: string }>(path: string, body: unknown): Promise<T> {
    const response = await this.request.post(`/api/v1/${path}`, {
      data: body,
      headers: { origin: this.baseUrl },
    });
    if (!response.ok()) throw new Error(`POST ${path}: HTTP ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async patch<T = { id: string }>(path: string, body: unknown): Promise<T> {
    const response = await this.request.patch(`/api/v1/${path}`, {
      data: body,
      headers: { origin: this.baseUrl },
    });
    if (!response.ok()) throw new Error(`PATCH ${path}: HTTP ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async put<T>(path: string, body: unknown): Promise<T> {
    const response = await this.request.put(`/api/v1/${path}`, {
      data: body,
      headers: { origin: this.baseUrl },
    });
    if (!response.ok()) throw new Error(`PUT ${path}: HTTP ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async delete(path: string): Promise<void> {
    const response = await this.request.delete(`/api/v1/${path}`, { headers: { origin: this.baseUrl } });
    if (!response.ok()) throw new Error(`DELETE ${path}: HTTP ${response.status()} ${await response.text()}`);
  }

  /**
   * Enters the demo admin's password again, for the changes that need a recent sign-in (API keys,
   * sign-in settings): the suite's session may be older than ten minutes.
   */
  async confirmPassword(password = 'demo-password-1'): Promise<void> {
    const response = await this.request.post('/api/v1/auth/reauthenticate', {
      data: { password },
      headers: { origin: this.baseUrl },
    });
    if (response.status() !== 204) throw new Error(`reauthenticate: HTTP ${response.status()}`);
  }

  async get<T>(path: string): Promise<T> {
    const response = await this.request.get(`/api/v1/${path}`);
    if (!response.ok()) throw new Error(`GET ${path}: HTTP ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  }
}

interface Fixtures {
  /** Fails the test on console errors, uncaught exceptions and unexpected HTTP errors. */
  guard: PageGuard;
  /** The demo workspace, through the API, as the same user as the page. */
  workspace: Workspace;
  /** Letters unique to this test run and project, for names that must not collide. */
  unique: string;
}

export const test = base.extend<Fixtures>({
  guard: [
    async ({ page }, use, testInfo) => {
      const guard = new PageGuard(page);
      await use(guard);
      guard.assertClean(testInfo.title);
    },
    { auto: true },
  ],
  workspace: async ({ page, baseURL }, use) => use(new Workspace(page.request, baseURL ?? '')),
  // eslint-disable-next-line no-empty-pattern
  unique: async ({}, use, testInfo) =>
    use(`${testInfo.project.name}${Date.now().toString(26)}`.replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)])),
});
