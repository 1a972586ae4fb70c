import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Debian's `radicale` package: the command, else the module under the system's Python. */
export const radicaleCommand: string[] | null = existsSync('/usr/bin/radicale')
  ? ['/usr/bin/radicale']
  : spawnSync('python3', ['-c', 'import radicale'], { stdio: 'ignore' }).status === 0
    ? ['python3', '-m', 'radicale']
    : null;

/**
 * A throwaway Radicale CalDAV server for tests: its collections in a temporary folder, one user
 * with a plain-text htpasswd password, each user seeing only their own calendars, on a random
 * loopback port, no TLS.
 */
export async function startRadicale(user: string, password: string) {
  if (!radicaleCommand) throw new Error('radicale is not installed (apt-get install radicale)');
  const dir = mkdtempSync(join(tmpdir(), 'rapport-radicale-'));
  writeFileSync(join(dir, 'users'), `${user}:${password}\n`);
  const port = await freePort();
  const [command, ...prefix] = radicaleCommand;
  const child: ChildProcess = spawn(
    command,
    [
      ...prefix,
      '--config',
      '',
      '--server-hosts',
      `127.0.0.1:${port}`,
      '--storage-filesystem-folder',
      join(dir, 'collections'),
      '--auth-type',
      'htpasswd',
      '--auth-htpasswd-filename',
      join(dir, 'users'),
      '--auth-htpasswd-encryption',
      'plain',
      '--rights-type',
      'owner_only',
    ],
    { stdio: 'ignore' },
  );
  await waitForPort(port);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number) {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`radicale did not listen on ${port}`);
}
