import type { Figures } from './measure';

export type Operation =
  | 'list'
  | 'deepList'
  | 'accountContacts'
  | 'get'
  | 'search'
  | 'searchAfterBurst'
  | 'create'
  | 'bulkUpdate'
  | 'bulkCreate';

export const operationLabels: Record<Operation, string> = {
  list: 'list page (filter+sort, 50)',
  deepList: 'list page, deep keyset cursor',
  accountContacts: "an account's contacts (50)",
  get: 'get by id',
  search: 'search',
  searchAfterBurst: 'search after 100k updates',
  create: 'create one contact',
  bulkUpdate: 'bulk update of 1,000',
  bulkCreate: 'bulk create of 1,000',
};

export interface Measured {
  api?: Figures;
  /** raw SQL through the driver for reads; the engine's write functions in-process for writes */
  baseline?: Figures;
  /** mean API latency / mean baseline latency at the same concurrency (= baseline req/s / API req/s) */
  ratio?: number;
}

export type Results = Partial<Record<Operation, Record<string, Measured>>>;

export interface Check {
  name: string;
  target: string;
  value: string;
  /** Met only with no error answer in the measurement (and in its baseline). */
  met: boolean;
  /** The size it was measured at, when that differs from the size the target is set for. */
  measuredAt?: string;
}

/** The size a target is set for, and the size a run measured at. */
export interface Sizes {
  target: number;
  measured: number;
}

/** Every check of a run measured at another size than its targets' is marked with it. */
export function atSize(checked: Check[], sizes: Sizes): Check[] {
  if (sizes.target === sizes.measured) return checked;
  const at = `at ${sizes.measured.toLocaleString('en-US')} contacts, target set for ${sizes.target.toLocaleString('en-US')}`;
  return checked.map((c) => ({ ...c, measuredAt: at }));
}

/** The result column: "met", "NOT MET", and the size when it is not the target's. */
export function verdict(c: Check): string {
  return `${c.met ? 'met' : 'NOT MET'}${c.measuredAt ? ` (${c.measuredAt})` : ''}`;
}

/** A target on one measurement: p95 at most `limit` ms, or a rate of at least `limit` req/s; met only with no error answer. */
export function figureCheck(
  name: string,
  f: Figures,
  measure: 'p95' | 'requestsPerSecond',
  limit: number,
): Check {
  const p95 = measure === 'p95';
  return {
    name,
    target: p95 ? `<= ${limit} ms` : `>= ${limit.toLocaleString('en-US')} req/s`,
    value: withErrors(`${f[measure]} ${p95 ? 'ms' : 'req/s'}`, f.errors),
    met: (p95 ? f.p95 <= limit : f.requestsPerSecond >= limit) && f.errors === 0,
  };
}

const errorsOf = (m: Measured) => (m.api?.errors ?? 0) + (m.baseline?.errors ?? 0);
const withErrors = (value: string, errors: number) => (errors ? `${value}, ${errors} errors` : value);

function ratioOf(m: Measured): number | undefined {
  if (!m.api || !m.baseline || !m.api.mean || !m.baseline.mean) return undefined;
  return Math.round((m.api.mean / m.baseline.mean) * 100) / 100;
}

export function withRatios(results: Results): Results {
  for (const byConcurrency of Object.values(results))
    for (const m of Object.values(byConcurrency)) m.ratio = ratioOf(m);
  return results;
}

/** The targets of the brief, checked against the figures of this run (PostgreSQL ones are set for 1M contacts, PGlite's for 200k). */
export function checks(kind: 'postgres' | 'pglite', results: Results, memoryMaxMb: number): Check[] {
  const out: Check[] = [];
  const each = (op: Operation, fn: (c: string, m: Measured) => void) => {
    for (const [c, m] of Object.entries(results[op] ?? {})) fn(c, m);
  };
  const p95 = (op: Operation, limit: number) =>
    each(
      op,
      (c, m) => m.api && out.push(figureCheck(`${operationLabels[op]} p95, c=${c}`, m.api, 'p95', limit)),
    );
  if (kind === 'pglite') {
    p95('list', 25);
    p95('deepList', 25);
    return out;
  }
  p95('list', 15);
  p95('deepList', 15);
  p95('get', 5);
  p95('search', 50);
  p95('searchAfterBurst', 50);
  p95('create', 10);
  for (const op of ['list', 'deepList', 'get'] as const)
    each(
      op,
      (c, m) =>
        m.ratio !== undefined &&
        out.push({
          name: `${operationLabels[op]} API/raw, c=${c}`,
          target: '<= 2',
          value: withErrors(`${m.ratio}`, errorsOf(m)),
          met: m.ratio <= 2 && errorsOf(m) === 0,
        }),
    );
  const list16 = results.list?.['16']?.api;
  if (list16) out.push(figureCheck('list throughput, c=16', list16, 'requestsPerSecond', 1500));
  const bulks = Object.values(results.bulkCreate ?? {}).flatMap((m) => (m.api ? [m.api] : []));
  const bulk = Math.max(0, ...bulks.map((f) => f.recordsPerSecond ?? 0));
  const bulkErrors = bulks.reduce((n, f) => n + f.errors, 0);
  out.push({
    name: 'bulk create, best concurrency',
    target: '>= 10,000 records/s',
    value: withErrors(`${bulk} records/s`, bulkErrors),
    met: bulk >= 10_000 && bulkErrors === 0,
  });
  out.push({
    name: 'server memory (max RSS)',
    target: '< 300 MB',
    value: `${memoryMaxMb} MB`,
    met: memoryMaxMb < 300,
  });
  return out;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

export function table(results: Results, checked: Check[]): string {
  const lines = [
    `${'operation'.padEnd(32)} ${pad('c', 3)} | ${pad('p50', 7)} ${pad('p95', 7)} ${pad('p99', 7)} ${pad('req/s', 8)} ${pad('rec/s', 7)} ${pad('err', 4)} ${pad('cpu', 6)} | ${pad('base p50', 8)} ${pad('p95', 7)} ${pad('req/s', 8)} | ${pad('API/base', 8)}`,
  ];
  lines.push('-'.repeat(lines[0].length));
  for (const [op, byConcurrency] of Object.entries(results) as [Operation, Record<string, Measured>][]) {
    for (const [c, m] of Object.entries(byConcurrency)) {
      const a = m.api;
      const b = m.baseline;
      lines.push(
        `${operationLabels[op].padEnd(32)} ${pad(c, 3)} | ${pad(a?.p50 ?? '-', 7)} ${pad(a?.p95 ?? '-', 7)} ${pad(a?.p99 ?? '-', 7)} ${pad(a?.requestsPerSecond ?? '-', 8)} ${pad(a?.recordsPerSecond ?? '', 7)} ${pad(a?.errors ?? '-', 4)} ${pad(a?.serverCpuMs ?? '-', 6)} | ${pad(b?.p50 ?? '-', 8)} ${pad(b?.p95 ?? '-', 7)} ${pad(b?.requestsPerSecond ?? '-', 8)} | ${pad(m.ratio ?? '-', 8)}`,
      );
    }
  }
  lines.push(
    '',
    'Latencies in ms. "cpu" = ms of CPU the server process used per answer. "base" = raw SQL through the driver (reads) or the engine in-process (writes).',
    '',
  );
  lines.push(`${'target'.padEnd(48)} ${'wanted'.padEnd(20)} ${'measured'.padEnd(18)} result`);
  for (const c of checked)
    lines.push(`${c.name.padEnd(48)} ${c.target.padEnd(20)} ${c.value.padEnd(18)} ${verdict(c)}`);
  return lines.join('\n');
}
