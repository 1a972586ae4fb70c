import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where initdb and pg_ctl live on this machine, or null when PostgreSQL's server binaries are absent. */
function serverBinaries(): string | null {
  const candidates = ['/usr/local/bin'];
  if (existsSync('/usr/lib/postgresql'))
    for (const version of readdirSync('/usr/lib/postgresql').sort().reverse())
      candidates.push(`/usr/lib/postgresql/${version}/bin`);
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

export const clusterBinaries = serverBinaries();

/** A port no one listens on now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A private PostgreSQL cluster for tests that stop and restart the database under the server: made by
 * initdb in a temporary folder, on a free port of 127.0.0.1, removed by `destroy`. PostgreSQL refuses
 * to run as root, so as root the cluster runs as the `postgres` system user.
 */
export class TestCluster {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async create(bin: string): Promise<TestCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-pg-'));
    const cluster = new TestCluster(bin, dir, await freePort());
    if (process.getuid?.() === 0) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
    cluster.run('initdb', ['-D', cluster.data, '-U', 'postgres', '-A', 'trust', '--no-sync']);
    cluster.pgCtl('start');
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Stops the server, ending every connection with 57P01 as `pg_ctl restart -m fast` does, and starts it again. */
  restart(): void {
    this.pgCtl('restart');
  }

  stop(): void {
    this.pgCtl('stop');
  }

  start(): void {
    this.pgCtl('start');
  }

  destroy(): void {
    try {
      this.pgCtl('stop');
    } catch {
      // Already stopped.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get data() {
    return join(this.dir, 'data');
  }

  private pgCtl(action: 'start' | 'stop' | 'restart') {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    const args = ['-D', this.data, '-w', '-l', join(this.dir, 'log')];
    if (action !== 'start') args.push('-m', 'fast');
    if (action !== 'stop') args.push('-o', options);
    this.run('pg_ctl', [action, ...args]);
  }

  private run(tool: string, args: string[]) {
    const path = join(this.bin, tool);
    const asRoot = process.getuid?.() === 0;
    execFileSync(asRoot ? 'runuser' : path, asRoot ? ['-u', 'postgres', '--', path, ...args] : args, {
      stdio: 'ignore',
    });
  }
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}
function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}
