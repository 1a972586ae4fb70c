import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { adminState, largeContacts } from './settings';
import { startServer } from './server';

/**
 * Starts Rapport on a fresh embedded database (the demo workspace, plus a large one unless
 * RAPPORT_E2E_LARGE=0), signs the demo admin in once and leaves the session for every test.
 * RAPPORT_E2E_URL points the suite at a server already running instead.
 */
async function globalSetup(): Promise<() => Promise<void>> {
  const external = process.env.RAPPORT_E2E_URL;
  const server = external
    ? { baseUrl: external, large: undefined, stop: async () => undefined }
    : await startServer(largeContacts);
  process.env.RAPPORT_E2E_URL = server.baseUrl;
  if (server.large) process.env.RAPPORT_E2E_LARGE_LOGIN = JSON.stringify(server.large);
  try {
    await saveAdminSession(server.baseUrl);
    if (!external) await settle(server.baseUrl);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server.stop;
}

async function saveAdminSession(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email: 'admin@demo.rapport.test', password: 'demo-password-1' }),
  });
  if (!response.ok) throw new Error(`demo admin sign-in: HTTP ${response.status} ${await response.text()}`);
  const [pair] = response.headers.getSetCookie()[0]?.split(';') ?? [];
  const separator = pair?.indexOf('=') ?? -1;
  if (!pair || separator < 0) throw new Error('demo admin sign-in set no session cookie');
  const cookie = {
    name: pair.slice(0, separator),
    value: pair.slice(separator + 1),
    domain: new URL(baseUrl).hostname,
    path: '/',
    expires: -1,
    httpOnly: true,
    secure: false,
    sameSite: 'Lax' as const,
  };
  mkdirSync(dirname(adminState), { recursive: true });
  writeFileSync(adminState, JSON.stringify({ cookies: [cookie], origins: [] }));
}

// Playwright loads a global set-up through its default export.
// eslint-disable-next-line no-restricted-syntax
export default globalSetup;

/**
 * Waits (up to two minutes) until no job is running: the work a fresh server starts after the seed
 * (statistics, the scorecard, reminders of the demo's tasks) would otherwise be measured as the list's.
 */
async function settle(baseUrl: string): Promise<void> {
  const { cookies } = JSON.parse(readFileSync(adminState, 'utf8')) as {
    cookies: { name: string; value: string }[];
  };
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const deadline = Date.now() + 120_000;
  let quiet = 0;
  while (Date.now() < deadline && quiet < 3) {
    const response = await fetch(`${baseUrl}/api/v1/admin/jobs?state=running&limit=1`, {
      headers: { cookie },
      signal: AbortSignal.timeout(30_000),
    });
    const running = response.ok ? ((await response.json()) as { data: unknown[] }).data.length : 0;
    quiet = running === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 1000));
  }
  console.log(quiet >= 3 ? 'No job running: the suite starts.' : 'Jobs still running after two minutes.');
}
