import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  baseUrl: string;
  /** sign-in of the large workspace, when one was seeded */
  large?: { email: string; password: string; contacts: number };
  output: () => string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer /api/health within ${timeoutMs} ms`);
}

/** The longest a seed may take before the suite gives up on it (minutes on a busy machine, never forever). */
const seedLimitMs = 20 * 60_000;

/** Fills a second workspace with `contacts` contacts through `rapport seed`, before the server opens the database. */
function seedLargeWorkspace(dataDir: string, contacts: number): Promise<RunningServer['large']> {
  const started = Date.now();
  console.log(`Seeding a workspace of ${contacts.toLocaleString('en')} contacts…`);
  return new Promise((resolve, reject) => {
    let out = '';
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli.ts', 'seed', '--contacts', String(contacts)],
      {
        env: { ...process.env, RAPPORT_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const limit = setTimeout(() => child.kill('SIGKILL'), seedLimitMs);
    child.once('exit', (code) => {
      clearTimeout(limit);
      console.log(`Seeded in ${Math.round((Date.now() - started) / 1000)} s.`);
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{'))
        return reject(
          new Error(`seeding failed (${code ?? 'stopped after its time limit'}): ${out.slice(-2000)}`),
        );
      resolve(JSON.parse(last) as RunningServer['large']);
    });
  });
}

/**
 * Starts Rapport on a fresh embedded database with the demo workspace, on a free port; with
 * `largeContacts`, also a workspace of that many contacts for measuring big lists.
 */
export async function startServer(largeContacts = 0): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-e2e-'));
  const large = largeContacts > 0 ? await seedLargeWorkspace(dataDir, largeContacts) : undefined;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'start'], {
    env: {
      ...process.env,
      RAPPORT_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      RAPPORT_DEMO: '1',
      // The outside SMTP server of the sign-in tests listens there; 127.0.0.1 stays refused.
      RAPPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.2',
      // Emailed reset links point only at the configured address, never at a Host header.
      RAPPORT_PUBLIC_URL: baseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const timer = setTimeout(() => (child.kill('SIGKILL'), r(null)), 5000);
        child.once('exit', () => (clearTimeout(timer), r(null)));
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // Seeding the demo takes seconds on a quiet machine and minutes on a busy one.
    await waitForHealth(baseUrl, child, 300_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${log.slice(-4000)}`, {
      cause: error,
    });
  }
  return { baseUrl, large, output: () => log, stop };
}
