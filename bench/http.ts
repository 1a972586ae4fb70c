import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { join } from 'node:path';
import { dataRoot, root, targetEnv, type Target } from './database';
import { figuresOf, type Figures } from './measure';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used: what a request costs whatever else shares the machine. */
function cpuSeconds(pid: number): number {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses; in clock ticks of 1/100 s.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** A running server process, before anyone signs in to it. */
export type ServerProcess = Omit<Server, 'token' | 'userId'>;

export interface Server {
  base: string;
  token: string;
  /** The signed-in user: the owner of what the run creates. */
  userId: string;
  /** `phaseMaxMb`: the highest RSS since a measurement reset it (see hammer) */
  memory: { startMb: number; maxMb: number; phaseMaxMb: number; samples: number };
  /** The server process's CPU seconds so far. */
  cpu(): number;
  stop(): Promise<void>;
}

/**
 * A server process on a free loopback port, ready once `readyPath` answers 2xx; its RSS is sampled
 * every 200 ms until it stops, and it never outlives the bench.
 */
export async function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv,
  readyPath: string,
  logFile?: string,
): Promise<ServerProcess> {
  // BENCH_PORT pins the port (a shared machine where each person has one); else any free one.
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', logFile ? openSync(logFile, 'w') : 'inherit', 'inherit'],
  });
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`The server exited unasked (code ${code}, signal ${signal})`);
  });
  const kill = () => child.kill('SIGKILL');
  // The server never outlives the bench, whether it ends, fails or is interrupted.
  const interrupted = () => {
    kill();
    process.exit(130);
  };
  process.once('exit', kill);
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const memory = { startMb: 0, maxMb: 0, phaseMaxMb: 0, samples: 0 };
  const sampler = setInterval(() => {
    const mb = child.pid ? rssMb(child.pid) : null;
    if (mb === null) return;
    memory.maxMb = Math.max(memory.maxMb, mb);
    memory.phaseMaxMb = Math.max(memory.phaseMaxMb, mb);
    memory.samples++;
  }, 200);
  const stop = async () => {
    stopping = true;
    clearInterval(sampler);
    if (child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const timer = setTimeout(kill, 10_000);
    await exited;
    clearTimeout(timer);
    process.off('exit', kill);
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  };
  try {
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      const ok = await fetch(`${base}${readyPath}`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the server did not answer ${readyPath} within 180 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
    memory.startMb = child.pid ? (rssMb(child.pid) ?? 0) : 0;
    return { base, memory, cpu: () => cpuSeconds(child.pid!), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The Node flags `npm start` runs the server with (package.json), so the bench runs it the same way. */
function nodeFlagsOfStart(): string[] {
  const scripts = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts;
  const flags = /\bnode ((?:--\S+ )*)dist\/server\/rapport\.js/.exec(scripts.start);
  if (!flags) throw new Error('package.json: the start script no longer runs node … dist/server/rapport.js');
  return flags[1].split(' ').filter(Boolean);
}

/** `bench/server.ts` built to JavaScript as `npm run build:server` builds the server, under a file name of its own. */
function buildServer(): string {
  const outdir = join(dataRoot, 'server');
  execFileSync(
    join(root, 'node_modules/.bin/esbuild'),
    [
      'bench/server.ts',
      '--bundle',
      '--splitting',
      '--platform=node',
      '--format=esm',
      '--target=node20.19',
      '--packages=external',
      '--sourcemap',
      '--log-level=warning',
      `--outdir=${outdir}`,
      '--chunk-names=chunks/[name]-[hash]',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  return join(outdir, 'server.js');
}

/**
 * The real server as `npm start` runs it (built to JavaScript), on a free loopback port, with the
 * logger at its production level (LOG_LEVEL unset: info) writing to bench/.data/server.log; signs in
 * (or, with `workspaceName`, signs up on a fresh database) and makes an API key.
 */
export async function startServer(
  target: Target,
  credentials: { email: string; password: string; workspaceName?: string },
): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...targetEnv(target), RAPPORT_LOGIN_LIMIT: '1000' };
  delete env.LOG_LEVEL;
  const server = await spawnServer(
    [
      ...nodeFlagsOfStart(),
      ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []),
      buildServer(),
    ],
    env,
    '/api/health',
    join(dataRoot, 'server.log'),
  );
  const { base } = server;
  try {
    const { workspaceName } = credentials;
    const login = { email: credentials.email, password: credentials.password };
    const signIn = await fetch(`${base}/api/v1/auth/${workspaceName ? 'signup' : 'login'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(workspaceName ? { ...login, workspaceName, name: 'Bench Admin' } : login),
    });
    if (!signIn.ok) throw new Error(`signing in answered ${signIn.status}: ${await signIn.text()}`);
    const { user } = (await signIn.json()) as { user: { id: string } };
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const key = await fetch(`${base}/api/v1/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: base },
      body: JSON.stringify({ name: `bench ${new Date().toISOString()}` }),
    });
    if (!key.ok) throw new Error(`creating an API key answered ${key.status}: ${await key.text()}`);
    const { token } = (await key.json()) as { token: string };
    return { ...server, token, userId: user.id };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/**
 * autocannon against one operation; `next(n)` gives the n-th request so paths and bodies rotate.
 * Latency percentiles and rates come from the 2xx answers' own times (autocannon reports no p95);
 * every other answer, error and time-out is counted as an error, never as a completed request.
 */
export async function hammer(
  server: Server,
  connections: number,
  seconds: number,
  next: (n: number) => HttpRequest,
  recordsPerRequest = 0,
): Promise<Figures> {
  const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
  const probe = next(-1);
  const check = await fetch(server.base + probe.path, { method: probe.method, headers, body: probe.body });
  if (!check.ok)
    throw new Error(
      `${probe.method} ${probe.path.slice(0, 120)} answered ${check.status}: ${(await check.text()).slice(0, 300)}`,
    );
  let n = 0;
  const latencies: number[] = [];
  const cpuBefore = server.cpu();
  server.memory.phaseMaxMb = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      {
        url: server.base,
        connections,
        duration: seconds,
        timeout: 30,
        headers,
        requests: [{ setupRequest: (request) => ({ ...request, ...next(n++) }) }],
      },
      (error, result) => (error ? fail(error) : done(result)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
    });
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  const figures = figuresOf(latencies, (performance.now() - started) / 1000, errors, recordsPerRequest);
  const cpuMs = ((server.cpu() - cpuBefore) * 1000) / Math.max(1, latencies.length);
  if (Number.isFinite(cpuMs)) figures.serverCpuMs = Math.round(cpuMs * 100) / 100;
  if (server.memory.phaseMaxMb) figures.serverRssMb = server.memory.phaseMaxMb;
  return figures;
}
