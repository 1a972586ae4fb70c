import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * The issues' own benches, each a script that builds the data it needs (often millions of rows, in
 * a database of its own) and checks its issue's targets. `npm run bench -- --run <suite> [its options]`
 * runs one; `--run all` leaves them out, since building their data takes minutes to hours.
 */
export const suites = {
  aggregate: 'aggregate.ts',
  engine: 'engine.ts',
  jobs: 'jobs.ts',
  writes: 'writes.ts',
  activities: 'activities.ts',
  mail: 'mailCapture.ts',
  imports: 'imports.ts',
  forecast: 'forecast.ts',
  orders: 'ordersReport.ts',
  insights: 'insights.ts',
} as const;
export type Suite = keyof typeof suites;

/** The suite `--run` names in these arguments (`--run x` or `--run=x`), if it is one of the above. */
export function suiteIn(argv: string[]): Suite | null {
  const at = argv.findIndex((a) => a === '--run' || a.startsWith('--run='));
  if (at < 0) return null;
  const name = argv[at].includes('=') ? argv[at].slice('--run='.length) : argv[at + 1];
  return name in suites ? (name as Suite) : null;
}

/** Runs a suite's script with the other arguments, in this terminal; answers its exit code. */
export function runSuite(suite: Suite, argv: string[]): Promise<number> {
  const at = argv.findIndex((a) => a === '--run' || a.startsWith('--run='));
  const rest = argv.filter((_, i) => i !== at && !(i === at + 1 && !argv[at].includes('=')));
  const script = join(import.meta.dirname, suites[suite]);
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...rest], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}
