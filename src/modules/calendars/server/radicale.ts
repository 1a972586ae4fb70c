import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
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
 * loopback port (of `host`: the browser suite's server allows 127.0.0.2 only), no TLS.
 */
export async function startRadicale(user: string, password: string, host = '127.0.0.1') {
  if (!radicaleCommand) throw new Error('radicale is not installed (apt-get install radicale)');
  const dir = mkdtempSync(join(tmpdir(), 'rapport-radicale-'));
  writeFileSync(join(dir, 'users'), `${user}:${password}\n`);
  const port = await freePort(host);
  const [command, ...prefix] = radicaleCommand;
  const child: ChildProcess = spawn(
    command,
    [
      ...prefix,
      '--config',
      '',
      '--server-hosts',
      `${host}:${port}`,
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
  await waitForPort(host, port);
  return {
    port,
    url: `http://${host}:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(host: string, port: number) {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, host);
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
